import { fakeFetch, stopwatch } from './toolkit.ts'
const urls = [...Array(12).keys()]
  .map((i) => `/photos/${i + 1}`)
const LIMIT = 3 // requests in flight, at most
let inFlight = 0
// LIMIT "lanes": each takes the next URL as
// soon as its previous request is done.
async function lane() {
  while (urls.length > 0) {
    const url = urls.shift()!
    inFlight++
    console.log('start', url, 'in flight:', inFlight)
    await fakeFetch(url, { delay: 200 })
    inFlight--
  }
}
const ms = stopwatch()
await Promise.all([...Array(LIMIT)].map(lane))
console.log(`12 photos, ${LIMIT} at a time: ${ms()} ms`)
