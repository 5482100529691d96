// Command go-port is a small status service that listens on $PORT and says so nowhere else: its
// Dockerfile has no EXPOSE line, as many real services' do. Standard library only.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"math/rand"
	"net/http"
	"os"
	"time"
)

var started = time.Now()

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Printf("encode: %v", err)
	}
}

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "go-port: a status service")
	})
	// Every answer carries the time and a request id: they differ on every call, and the rest
	// of the answer must not.
	mux.HandleFunc("/time", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{
			"now":        time.Now().UTC().Format(time.RFC3339Nano),
			"request_id": fmt.Sprintf("%016x", rand.Uint64()),
			"uptime_ms":  time.Since(started).Milliseconds(),
			"zone":       "UTC",
			"service":    "go-port",
		})
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintln(w, "ok")
	})
	return mux
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		log.Fatal("PORT is not set")
	}
	rand.Seed(time.Now().UnixNano())
	log.Printf("go-port listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, newMux()))
}
