"""moto's S3 server on loopback, standing in for the charity's object storage in the
multi-server test (uploads through django-storages); see multiserver.py."""

import json
import os
import subprocess

from .multiserver import BIN, free_port, stop_process, wait_for_port

BUCKET = "mrdinfo-media"
MOTO_MISSING = "moto is needed for the multi-server test: pip install -r requirements-test.txt (moto[server])"


def moto_binary():
    try:
        import moto.server  # noqa: F401
    except ImportError:
        return None
    path = BIN / "moto_server"
    return str(path) if path.exists() else None


def public_read_policy(bucket):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadForGetBucketObjects",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                # Images only: documents/ stays private (served by the app, README "Production").
                "Resource": [f"arn:aws:s3:::{bucket}/images/*", f"arn:aws:s3:::{bucket}/original_images/*"],
            }
        ],
    }


class MotoS3:
    """moto in server mode: an S3-compatible endpoint on loopback with one empty bucket."""

    def __init__(self, workdir):
        binary = moto_binary()
        assert binary, MOTO_MISSING
        self.port = free_port()
        self.log_path = workdir / "moto.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [binary, "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **self.credentials},
        )
        self.bucket_made = False

    def ready(self):
        """Waits for the server (started in the background) and makes the bucket, once."""
        if self.bucket_made:
            return self
        wait_for_port(self.port, self.process, "moto_server", self.log_path)
        self.client().create_bucket(Bucket=BUCKET)
        self.bucket_made = True
        # As README "Production" tells an operator: anyone may read the site's images; documents
        # and everything else only the app, with its keys (moto applies the policy to a request
        # that is not signed, as S3 does: the multi-server test reads a document straight from it).
        self.client().put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read_policy(BUCKET)))
        return self

    credentials = {"AWS_ACCESS_KEY_ID": "multiserver", "AWS_SECRET_ACCESS_KEY": "multiserver-secret"}

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=self.credentials["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=self.credentials["AWS_SECRET_ACCESS_KEY"],
        )

    def upload_folder(self, folder):
        """Every file under `folder` into the bucket, keyed by its path there (as the site's
        storage, with no AWS_LOCATION, names them)."""
        client = self.client()
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            client.upload_file(str(path), BUCKET, path.relative_to(folder).as_posix())

    def keys(self):
        listing = self.client().list_objects_v2(Bucket=BUCKET)
        return [item["Key"] for item in listing.get("Contents", [])]

    def app_env(self):
        return {
            **self.credentials,
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
        }

    def stop(self):
        stop_process(self.process)
        self.log.close()
