// Command go-http is a small quotes API built on the standard library only.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"runtime"
	"strconv"
)

var quotes = []string{
	"Simplicity is prerequisite for reliability.",
	"Make it work, make it right, make it fast.",
	"Premature optimization is the root of all evil.",
}

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
		writeJSON(w, http.StatusOK, map[string]any{"service": "go-http", "go": runtime.Version(), "quotes": len(quotes)})
	})
	mux.HandleFunc("/quote", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("n"))
		if err != nil || n < 0 || n >= len(quotes) {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "n must be an index into the quotes"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"n": n, "quote": quotes[n]})
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok\n"))
	})
	return mux
}

func main() {
	addr := ":" + envOr("PORT", "8080")
	log.Printf("go-http listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, newMux()))
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
