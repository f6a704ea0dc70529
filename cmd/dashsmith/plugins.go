package main

// The standard plugins, registered by import as database/sql drivers are.
import (
	_ "github.com/dashsmith/dashsmith/plugins/boltstore"
	_ "github.com/dashsmith/dashsmith/plugins/dynamostore"
	_ "github.com/dashsmith/dashsmith/plugins/events"
	_ "github.com/dashsmith/dashsmith/plugins/filesource"
	_ "github.com/dashsmith/dashsmith/plugins/hll"
	_ "github.com/dashsmith/dashsmith/plugins/quantile"
	_ "github.com/dashsmith/dashsmith/plugins/s3"
)
