module github.com/dashsmith/dashsmith

go 1.26.8

require (
	github.com/BurntSushi/toml v0.3.1
	github.com/adrg/frontmatter v0.2.0
	github.com/chromedp/chromedp v0.23.0
	github.com/go-echarts/go-echarts/v2 v2.6.7
	github.com/klauspost/compress v1.18.0
	github.com/yuin/goldmark v1.8.7
	go.etcd.io/bbolt v1.4.3
	gopkg.in/yaml.v2 v2.4.0
)

require (
	github.com/axiomhq/hyperloglog v0.2.6 // indirect
	github.com/chromedp/cdproto v0.159.0 // indirect
	github.com/dgryski/go-metro v0.0.0-20250106013310-edb8663e5e33 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/kamstrup/intmap v0.5.2 // indirect
	github.com/kr/text v0.2.0 // indirect
	golang.org/x/sys v0.29.0 // indirect
)
