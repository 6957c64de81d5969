package no.nabolag.core.delivery;

/** A device to push one post to: its endpoint, platform, language and the district the push is threaded under. */
public record Recipient(String deviceId, String endpointArn, String platform, String locale, String districtId) {

    public static Recipient of(AudienceMember member) {
        return new Recipient(member.deviceId(), member.endpointArn(), member.platform(), member.locale(),
                member.districtId());
    }
}
