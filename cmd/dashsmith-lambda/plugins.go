package main

// The stores the function can write to and the event format it reads,
// registered by import.
import (
	_ "github.com/dashsmith/dashsmith/plugins/boltstore" // bolt:/tmp/… for trying the function locally
	_ "github.com/dashsmith/dashsmith/plugins/dynamostore"
	_ "github.com/dashsmith/dashsmith/plugins/events"
	_ "github.com/dashsmith/dashsmith/plugins/hll"
	_ "github.com/dashsmith/dashsmith/plugins/quantile"
)
