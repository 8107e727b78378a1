package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start, results := time.Now(), make(chan string)
	var wg sync.WaitGroup
	for _, ms := range []int{300, 100, 200} {
		wg.Go(func() { // a goroutine: starts with a few KB of stack
			time.Sleep(time.Duration(ms) * time.Millisecond)
			elapsed := time.Since(start).Milliseconds()
			results <- fmt.Sprintf("%d ms job done at %d ms", ms, elapsed)
		})
	}
	go func() { wg.Wait(); close(results) }()
	for r := range results {
		fmt.Println(r)
	}
}
