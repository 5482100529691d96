package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	rec := httptest.NewRecorder()
	newMux().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/quote?n=1", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "make it right") {
		t.Fatalf("got %d %q", rec.Code, rec.Body.String())
	}
}

func TestQuoteOutOfRange(t *testing.T) {
	rec := httptest.NewRecorder()
	newMux().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/quote?n=99", nil))
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("got %d", rec.Code)
	}
}
