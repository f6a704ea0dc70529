// Command dashsmith-lambda is the AWS Lambda function that rolls each new
// Segment file in S3 into the rollup store as it arrives: an S3
// ObjectCreated notification in, one store transaction per file out. See
// package handler for what it does, README.md ("Running at scale on AWS")
// for how to deploy it, and terraform/ for the infrastructure.
//
// Build it with make lambda (a bootstrap zip per architecture, for the
// provided.al2023 runtime).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/dashsmith/dashsmith/cmd/dashsmith-lambda/handler"
)

func main() {
	h, err := handler.FromEnv(context.Background()) // once per container
	if err != nil {
		slog.New(slog.NewJSONHandler(os.Stderr, nil)).Error("dashsmith-lambda: cannot start", "error", err.Error())
		os.Exit(1)
	}
	lambda.Start(h.Handle)
}
