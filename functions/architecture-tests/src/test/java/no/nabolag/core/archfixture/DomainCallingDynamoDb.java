package no.nabolag.core.archfixture;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Breaks the layering on purpose: a "domain" class talking to DynamoDB (see LayeringRulesCatchViolationsTest). */
public final class DomainCallingDynamoDb {
    public int tables(DynamoDbClient dynamoDb) {
        return dynamoDb.listTables().tableNames().size();
    }
}
