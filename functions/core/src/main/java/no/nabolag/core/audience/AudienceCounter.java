package no.nabolag.core.audience;

/** Counts the devices a draft post will be pushed to (the console's preview), from the audience index. */
public interface AudienceCounter {
    AudienceSize count(AudienceQuery query);
}
