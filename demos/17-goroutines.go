package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	results := make(chan string)
	var wg sync.WaitGroup
	for _, ms := range []int{300, 100, 200} {
		wg.Add(1)
		go func(ms int) { // a goroutine: starts with a few KB of stack
			defer wg.Done()
			time.Sleep(time.Duration(ms) * time.Millisecond)
			elapsed := time.Since(start).Milliseconds()
			results <- fmt.Sprintf("%d ms job done at %d ms", ms, elapsed)
		}(ms)
	}
	go func() { wg.Wait(); close(results) }()
	for r := range results {
		fmt.Println(r)
	}
}
