package dynamostore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// CreateTable creates the store's table if it is missing: pk (S) and sk
// (N), on-demand (PAY_PER_REQUEST), with time to live on the ttl
// attribute (dedupe's message IDs expire by it). It waits until the table
// is ACTIVE. An existing table is checked and left as it is.
func CreateTable(ctx context.Context, client *dynamodb.Client, name string) error {
	_, err := client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:   aws.String(name),
		BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String(attrPK), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String(attrSK), AttributeType: types.ScalarAttributeTypeN},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String(attrPK), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String(attrSK), KeyType: types.KeyTypeRange},
		},
	})
	var inUse *types.ResourceInUseException
	if err != nil && !errors.As(err, &inUse) {
		return fmt.Errorf("dynamostore: create table %s: %w", name, err)
	}
	w := dynamodb.NewTableExistsWaiter(client, func(o *dynamodb.TableExistsWaiterOptions) {
		o.MinDelay, o.MaxDelay = 100*time.Millisecond, 5*time.Second
	})
	if err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, 5*time.Minute); err != nil {
		return fmt.Errorf("dynamostore: table %s did not become ACTIVE: %w", name, err)
	}
	if err := checkTable(ctx, client, name); err != nil {
		return err
	}
	if inUse != nil {
		return nil // it was there: its time to live is the owner's choice
	}
	_, err = client.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName: aws.String(name),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{
			AttributeName: aws.String(attrTTL), Enabled: aws.Bool(true),
		},
	})
	if err != nil {
		return fmt.Errorf("dynamostore: enable time to live on %s.%s: %w", name, attrTTL, err)
	}
	return nil
}

// checkTable refuses a table that is missing or not keyed as the store's.
func checkTable(ctx context.Context, client *dynamodb.Client, name string) error {
	out, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	var missing *types.ResourceNotFoundException
	if errors.As(err, &missing) {
		return fmt.Errorf("dynamostore: table %s does not exist: add create=1 to the store URL (dynamodb://%s?create=1) to create it, on demand (PAY_PER_REQUEST)", name, name)
	}
	if err != nil {
		return fmt.Errorf("dynamostore: describe table %s: %w", name, err)
	}
	attrTypes := map[string]types.ScalarAttributeType{}
	for _, d := range out.Table.AttributeDefinitions {
		attrTypes[aws.ToString(d.AttributeName)] = d.AttributeType
	}
	var hashKey, rangeKey string
	for _, k := range out.Table.KeySchema {
		if k.KeyType == types.KeyTypeHash {
			hashKey = aws.ToString(k.AttributeName)
		} else {
			rangeKey = aws.ToString(k.AttributeName)
		}
	}
	if hashKey != attrPK || rangeKey != attrSK || attrTypes[attrPK] != types.ScalarAttributeTypeS || attrTypes[attrSK] != types.ScalarAttributeTypeN {
		return fmt.Errorf("dynamostore: table %s is not a dashsmith rollup (want key pk (S) and sk (N)); pass another table in the store URL", name)
	}
	return nil
}
