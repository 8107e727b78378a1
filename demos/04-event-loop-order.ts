// Predict the order of the letters, then press Run.
console.log('A  sync: the script starts')

setTimeout(() => console.log('B  task: setTimeout 0'), 0)

Promise.resolve().then(() => console.log('C  microtask: promise.then'))

queueMicrotask(() => console.log('D  microtask: queueMicrotask'))

async function order() {
  console.log('E  sync: inside the async function')
  await null // the rest of this function becomes a microtask
  console.log('F  microtask: after await')
}
order()

console.log('G  sync: the script ends')
