import { fakeFetch } from './toolkit.ts'

// Chicken rice, nasi lemak, teh tarik: ms each.
const delays = [500, 400, 300]
function order(delay: number) {
  return fakeFetch('/order', { delay })
}
function since(t0: number) {
  return Math.round(performance.now() - t0) + ' ms'
}

// One by one: wait at the door for each order.
let t0 = performance.now()
for (const delay of delays) await order(delay)
console.log('one by one: ', since(t0))

// All at once, then wait for them together.
t0 = performance.now()
await Promise.all(delays.map(order))
console.log('Promise.all:', since(t0))
