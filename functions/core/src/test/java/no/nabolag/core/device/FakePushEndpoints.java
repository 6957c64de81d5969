package no.nabolag.core.device;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SNS endpoints in memory, as SNS keeps them: one endpoint per (application, token), deletes idempotent. */
public class FakePushEndpoints implements PushEndpoints {
    /** arn -> token */
    public final Map<String, String> endpoints = new LinkedHashMap<>();
    public final List<String> calls = new ArrayList<>();
    public final Set<String> refusedTokens = new HashSet<>();
    private int next;

    @Override
    public String register(String platformApplicationArn, String token) {
        calls.add("register " + token);
        if (refusedTokens.contains(token)) {
            throw new TokenRefusedException("Invalid parameter: Token");
        }
        for (var e : endpoints.entrySet()) {
            if (e.getValue().equals(token) && e.getKey().startsWith(platformApplicationArn + "/")) {
                return e.getKey();
            }
        }
        String arn = platformApplicationArn + "/endpoint-" + (++next);
        endpoints.put(arn, token);
        return arn;
    }

    @Override
    public void delete(String endpointArn) {
        calls.add("delete " + endpointArn);
        endpoints.remove(endpointArn);
    }
}
