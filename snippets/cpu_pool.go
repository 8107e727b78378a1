// The same CPU-bound work, SHA3-256 over 128 MB, on 1 goroutine and split
// among 4, with nothing to wait for. Natively Go runs goroutines on up to
// GOMAXPROCS threads at once (by default the number of CPUs), so with a core
// to spare 4 goroutines finish sooner. Compiled to js/wasm
// (demos/19-cpu-pool.go, the same program) Go gets one thread: concurrency
// without parallelism. The first run only warms up (its time is printed, not
// compared): natively it touches the 128 MB for the first time, and in a
// browser WebAssembly starts on a baseline compiler and swaps in optimised
// code for hot functions as it runs.
package main

import (
	"crypto/sha3"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// #region main
func main() {
	fmt.Println("NumCPU:", runtime.NumCPU(),
		"· GOMAXPROCS:", runtime.GOMAXPROCS(0))
	data, took := make([]byte, 128<<20), map[int]time.Duration{}
	for _, n := range []int{1, 1, 4} { // the first run warms up
		start, wg, part := time.Now(), sync.WaitGroup{}, len(data)/n
		for w := range n { // n goroutines hash a part each: CPU work
			wg.Go(func() { sha3.Sum256(data[w*part:][:part]) })
		}
		wg.Wait()
		took[n] = time.Since(start)
		fmt.Println(n, "goroutine(s):", took[n].Milliseconds(), "ms")
	}
	fmt.Printf("speed-up: %.2f×\n", float64(took[1])/float64(took[4]))
}

// #endregion main
