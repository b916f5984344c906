package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLoadConfig(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "database_url")
	if err := os.WriteFile(secret, []byte("postgres://lumbung:s3cret@db/lumbung\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		env     map[string]string
		want    Config
		wantErr bool
	}{
		{
			name: "DefaultsToEmbeddedSQLiteOnLoopback",
			want: Config{DataDir: "./data", Addr: "127.0.0.1:8080", Demo: "first-start", RequestTimeout: 15 * time.Second},
		},
		{
			name: "ReadsEveryVariable",
			env: map[string]string{
				"DATABASE_URL":            "postgres://db/lumbung",
				"LUMBUNG_DATA_DIR":        "/var/lib/lumbung",
				"LUMBUNG_ADDR":            ":9000",
				"LUMBUNG_JWT_KEY":         "a2V5",
				"LUMBUNG_DEMO":            "off",
				"LUMBUNG_REQUEST_TIMEOUT": "30s",
			},
			want: Config{DatabaseURL: "postgres://db/lumbung", DataDir: "/var/lib/lumbung", Addr: ":9000", SigningKey: "a2V5", Demo: "off",
				RequestTimeout: 30 * time.Second},
		},
		{
			name: "ReadsDatabaseURLFromFileWithoutTrailingNewline",
			env:  map[string]string{"DATABASE_URL_FILE": secret},
			want: Config{DatabaseURL: "postgres://lumbung:s3cret@db/lumbung", DataDir: "./data", Addr: "127.0.0.1:8080", Demo: "first-start",
				RequestTimeout: 15 * time.Second},
		},
		{
			name:    "RefusesBothDatabaseURLAndFile",
			env:     map[string]string{"DATABASE_URL": "postgres://db/lumbung", "DATABASE_URL_FILE": secret},
			wantErr: true,
		},
		{
			name:    "RefusesAnUnknownDemoSetting",
			env:     map[string]string{"LUMBUNG_DEMO": "maybe"},
			wantErr: true,
		},
		{
			name:    "RefusesARequestTimeoutTooShortToServe",
			env:     map[string]string{"LUMBUNG_REQUEST_TIMEOUT": "15ms"},
			wantErr: true,
		},
		{
			name:    "RefusesARequestTimeoutThatIsNoDuration",
			env:     map[string]string{"LUMBUNG_REQUEST_TIMEOUT": "15"},
			wantErr: true,
		},
		{
			name:    "RefusesMissingDatabaseURLFile",
			env:     map[string]string{"DATABASE_URL_FILE": filepath.Join(t.TempDir(), "absent")},
			wantErr: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := loadConfig(mapEnv(tc.env))
			if (err != nil) != tc.wantErr {
				t.Fatalf("error: got %v, want error %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
		})
	}
}
