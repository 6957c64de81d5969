package no.nabolag.local.sns;

import java.util.Map;

/**
 * One push the SNS emulator accepted: the endpoint, its platform and token, and the payload exactly as it would
 * have been handed to APNs/FCM (the platform's entry of a MessageStructure=json message, else the message).
 */
public record Push(String endpointArn, String platform, String token, String message, String at,
                   String messageId, Map<String, String> messageAttributes) {
}
