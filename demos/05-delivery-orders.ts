import { fakeFetch } from './toolkit.ts'

// Three orders, and how long (ms) each kitchen and rider take.
const orders: Record<string, number> = { 'chicken rice': 500, 'nasi lemak': 400, 'teh tarik': 300 }
const dishes = Object.keys(orders)
const order = (dish: string) => fakeFetch(`/order/${dish}`, { delay: orders[dish] })

// One by one: wait at the door for each order before placing the next.
let t0 = performance.now()
for (const dish of dishes) await order(dish)
console.log(`one by one:  all food here after ${Math.round(performance.now() - t0)} ms`)

// All at once: place every order, then wait for all of them together.
t0 = performance.now()
await Promise.all(dishes.map(order))
console.log(`Promise.all: all food here after ${Math.round(performance.now() - t0)} ms`)
