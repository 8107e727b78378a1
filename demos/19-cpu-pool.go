package main

import (
	"crypto/sha3"
	"fmt"
	"runtime"
	"sync"
	"time"
)

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
