import { fakeFetch } from './toolkit.ts'

const urls = [...Array(12).keys()].map((i) => `/api/photos/${i + 1}`)
const LIMIT = 3 // at most 3 requests in flight at once
let inFlight = 0

// A few "lanes": each takes the next URL as soon as
// its previous one is done.
async function lane() {
  for (let url = urls.shift(); url; url = urls.shift()) {
    inFlight++
    console.log(`start ${url.padEnd(15)} in flight: ${inFlight}`)
    await fakeFetch(url, { delay: 200 })
    inFlight--
  }
}
const start = performance.now()
await Promise.all(Array.from({ length: LIMIT }, lane))
const ms = Math.round(performance.now() - start)
console.log(`12 requests, ${LIMIT} at a time: ${ms} ms`)
