package main

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
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
		wantErr string // what the error names; "" for none
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
				"LUMBUNG_DEMO_PASSWORD":   "for-tests-only",
				"LUMBUNG_REQUEST_TIMEOUT": "30s",
				"LUMBUNG_TRUSTED_PROXIES": "10.0.0.7",
			},
			want: Config{DatabaseURL: "postgres://db/lumbung", DataDir: "/var/lib/lumbung", Addr: ":9000", SigningKey: "a2V5", Demo: "off",
				DemoPassword: "for-tests-only", RequestTimeout: 30 * time.Second, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.7/32")}},
		},
		{
			name: "ReadsTrustedProxiesAsRanges",
			env:  map[string]string{"LUMBUNG_TRUSTED_PROXIES": " 10.0.0.0/8, 192.0.2.1 ,2001:db8::/32,::ffff:198.51.100.2,"},
			want: Config{DataDir: "./data", Addr: "127.0.0.1:8080", Demo: "first-start", RequestTimeout: 15 * time.Second, TrustedProxies: []netip.Prefix{
				netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.1/32"),
				netip.MustParsePrefix("2001:db8::/32"), netip.MustParsePrefix("198.51.100.2/32")}},
		},
		{
			name:    "RefusesATrustedProxyThatIsNotAnAddress",
			env:     map[string]string{"LUMBUNG_TRUSTED_PROXIES": "10.0.0.1,proxy.internal"},
			wantErr: "LUMBUNG_TRUSTED_PROXIES",
		},
		{
			name:    "RefusesATrustedProxyRangeWithHostBits",
			env:     map[string]string{"LUMBUNG_TRUSTED_PROXIES": "10.0.0.1/8"},
			wantErr: "LUMBUNG_TRUSTED_PROXIES",
		},
		{
			name:    "RefusesAnAddressOutOfRange",
			env:     map[string]string{"LUMBUNG_TRUSTED_PROXIES": "10.0.0.300"},
			wantErr: "LUMBUNG_TRUSTED_PROXIES",
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
			wantErr: "DATABASE_URL_FILE",
		},
		{
			name:    "RefusesAnUnknownDemoSetting",
			env:     map[string]string{"LUMBUNG_DEMO": "maybe"},
			wantErr: "LUMBUNG_DEMO",
		},
		{
			name:    "RefusesARequestTimeoutTooShortToServe",
			env:     map[string]string{"LUMBUNG_REQUEST_TIMEOUT": "15ms"},
			wantErr: "LUMBUNG_REQUEST_TIMEOUT",
		},
		{
			name:    "RefusesARequestTimeoutThatIsNoDuration",
			env:     map[string]string{"LUMBUNG_REQUEST_TIMEOUT": "15"},
			wantErr: "LUMBUNG_REQUEST_TIMEOUT",
		},
		{
			name: "ReadsTheBackupSchedule",
			env:  map[string]string{"LUMBUNG_BACKUP_DIR": "/var/backups/lumbung", "LUMBUNG_BACKUP_EVERY": "6h", "LUMBUNG_BACKUP_KEEP": "28"},
			want: Config{DataDir: "./data", Addr: "127.0.0.1:8080", Demo: "first-start", RequestTimeout: 15 * time.Second,
				Backup: BackupConfig{Dir: "/var/backups/lumbung", Every: 6 * time.Hour, Keep: 28}},
		},
		{
			name: "BacksUpDailyKeepingAWeekByDefault",
			env:  map[string]string{"LUMBUNG_BACKUP_DIR": "/var/backups/lumbung"},
			want: Config{DataDir: "./data", Addr: "127.0.0.1:8080", Demo: "first-start", RequestTimeout: 15 * time.Second,
				Backup: BackupConfig{Dir: "/var/backups/lumbung", Every: 24 * time.Hour, Keep: 7}},
		},
		{
			name:    "RefusesABackupScheduleWithoutADirectory",
			env:     map[string]string{"LUMBUNG_BACKUP_EVERY": "6h"},
			wantErr: "LUMBUNG_BACKUP_DIR",
		},
		{
			name:    "RefusesBackingUpMoreOftenThanAMinute",
			env:     map[string]string{"LUMBUNG_BACKUP_DIR": "/var/backups/lumbung", "LUMBUNG_BACKUP_EVERY": "1s"},
			wantErr: "LUMBUNG_BACKUP_EVERY",
		},
		{
			name:    "RefusesKeepingNoBackup",
			env:     map[string]string{"LUMBUNG_BACKUP_DIR": "/var/backups/lumbung", "LUMBUNG_BACKUP_KEEP": "0"},
			wantErr: "LUMBUNG_BACKUP_KEEP",
		},
		{
			name:    "RefusesMissingDatabaseURLFile",
			env:     map[string]string{"DATABASE_URL_FILE": filepath.Join(t.TempDir(), "absent")},
			wantErr: "DATABASE_URL_FILE",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := loadConfig(mapEnv(tc.env))
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error: got %v, want one naming %q", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
		})
	}
}
