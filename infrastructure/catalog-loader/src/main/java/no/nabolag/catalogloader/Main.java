package no.nabolag.catalogloader;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code load-catalog --api https://abc.execute-api.eu-north-1.amazonaws.com [--region eu-north-1]
 * [--admin-token TOKEN] [--dry-run] FILE...}: loads catalog files through the admin API. Without
 * --admin-token, requests are signed with the operator's AWS credentials (SigV4), as IAM authorisation needs.
 */
public final class Main {
    private static final String USAGE = """
            usage: load-catalog --api URL [--region REGION] [--admin-token TOKEN] [--dry-run] FILE...
              --api          the stack's API URL (the ApiUrl output of sam deploy, or http://127.0.0.1:3000)
              --region       AWS region for SigV4 signing (default: from the AWS environment/profile)
              --admin-token  use a bearer token instead of SigV4 (the local stack; NABOLAG_ADMIN_TOKEN)
              --dry-run      print the plan, change nothing
            """;

    private Main() {
    }

    public static void main(String[] args) {
        String api = null;
        String region = null;
        String token = null;
        boolean dryRun = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--api" -> api = value(args, ++i);
                case "--region" -> region = value(args, ++i);
                case "--admin-token" -> token = value(args, ++i);
                case "--dry-run" -> dryRun = true;
                case "-h", "--help" -> exit(0, USAGE);
                default -> files.add(Path.of(args[i]));
            }
        }
        if (api == null || files.isEmpty()) {
            exit(2, USAGE);
        }
        try {
            RequestSigner signer = token != null ? RequestSigner.bearer(token)
                    : new SigV4Signer(DefaultCredentialsProvider.builder().build(),
                            region != null ? region : new DefaultAwsRegionProviderChain().getRegion().id());
            CatalogLoader loader = new CatalogLoader(new AdminApiClient(URI.create(api), signer), System.out);
            for (Path file : files) {
                System.out.println("Catalog " + file + ":");
                loader.load(CatalogFileReader.read(file), dryRun);
            }
        } catch (Exception e) {
            exit(1, "load-catalog: " + e.getMessage());
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            exit(2, USAGE);
        }
        return args[i];
    }

    private static void exit(int code, String message) {
        (code == 0 ? System.out : System.err).println(message);
        System.exit(code);
    }
}
