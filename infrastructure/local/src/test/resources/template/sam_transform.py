"""Transforms a SAM template with aws-sam-translator (the library inside SAM CLI) and prints the CloudFormation JSON.

Usage: python3 sam_transform.py TEMPLATE. Needs AWS_DEFAULT_REGION and s3:// CodeUris (the caller rewrites them in a
copy). Exit codes: 0 = transformed (JSON on stdout), 2 = the translator rejected the template (one reason per line
on stdout), 3 = aws-sam-translator is not installed. No AWS call is made: managed policies are not looked up.
"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")  # the translator fills in AWS::Region from it

try:
    from samtranslator.public.exceptions import InvalidDocumentException
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
    import samtranslator
except ImportError as error:
    print("aws-sam-translator is not installed: %s" % error, file=sys.stderr)
    sys.exit(3)


class NoManagedPolicies:
    """The translator asks IAM for AWS managed policy ARNs only for names it does not know; we use none."""

    def load(self):
        return {}


with open(sys.argv[1], encoding="utf-8") as source:
    template = yaml_parse(source.read())
try:
    transformed = transform(template, {}, NoManagedPolicies())
except InvalidDocumentException as error:
    for cause in error.causes:
        print(cause.message)
    sys.exit(2)
print(json.dumps({"translatorVersion": samtranslator.__version__, "template": transformed}, default=str))
