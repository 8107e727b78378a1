// A data race: eight goroutines add to one counter with no lock. By Go's
// memory model that is a race however they are scheduled, and `go run -race`
// reports it, even with GOMAXPROCS=1. Whether updates are actually lost
// depends on cores, compiler and timing: in parallel, counter++ (a read, an
// add and a write) loses them.
package main

import (
	"fmt"
	"sync"
)

// #region main
func main() {
	counter := 0
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1_000_000; i++ {
				counter++ // read, add, write: not atomic
			}
		}()
	}
	wg.Wait()
	fmt.Println("counter:", counter, "of", 8*1_000_000)
}

// #endregion main
