// The data race of race.go, fixed with a mutex: one goroutine at a time
// runs counter++, so no update is lost and `go run -race` stays quiet.
package main

import (
	"fmt"
	"sync"
)

// #region main
func main() {
	counter := 0
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1_000_000; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("counter:", counter, "of", 8*1_000_000)
}

// #endregion main
