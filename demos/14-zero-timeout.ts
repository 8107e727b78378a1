// A zero-delay timer against a promise callback.
setTimeout(() => console.log('timer, 0 ms'), 0)

Promise.resolve().then(() => console.log('promise callback'))

console.log('the script itself')
