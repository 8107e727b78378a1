// Predict the order of the letters, then Run.
console.log('A sync')

setTimeout(() => console.log('B setTimeout 0'), 0)

Promise.resolve().then(() => console.log('C then'))

queueMicrotask(() => console.log('D microtask'))

async function order() {
  console.log('E in the async function')
  await null // the rest is now a microtask
  console.log('F after await')
}
order()

console.log('G sync')
