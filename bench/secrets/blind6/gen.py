#!/usr/bin/env python3
"""Blind corpus 6: operations debris (CI/CD, IaC, containers, dotfiles, logs,
dumps, service configs, VPN and Wi-Fi profiles, LDAP/SMB/mail servers).

usage: gen.py OUTDIR [--seed N]

Writes OUTDIR/repo/ and OUTDIR/labels.json; generate(outdir, seed) -> labels.
Every value is drawn from the seed at run time, except private keys, which
openssl / ssh-keygen make fresh (random bodies of the right armour when they
are missing). Python 3 standard library only.
"""

import argparse
import base64
import binascii
import hashlib
import json
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True

UP = string.ascii_uppercase
LO = string.ascii_lowercase
DG = string.digits
AN = UP + LO + DG
LAN = LO + DG
UAN = UP + DG
HEX = "0123456789abcdef"
B64 = AN + "+/"
B64U = AN + "-_"
B32L = "abcdefghijklmnopqrstuvwxyz234567"
B62 = DG + UP + LO

V = "@V@"   # where the value goes in an item's text


class Corpus:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.files = {}
        self.order = []
        self.keys = Keys(self.r)

    # ---- random material -------------------------------------------------
    def s(self, alpha, n):
        return "".join(self.r.choice(alpha) for _ in range(n))

    def hex(self, n):
        return self.s(HEX, n)

    def uuid(self):
        h = self.hex(32)
        h = h[:12] + "4" + h[13:16] + self.r.choice("89ab") + h[17:]
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    def b64bytes(self, n, url=False):
        raw = bytes(self.r.randrange(256) for _ in range(n))
        if url:
            return base64.urlsafe_b64encode(raw).decode().rstrip("=")
        return base64.b64encode(raw).decode()

    def pick(self, seq):
        return self.r.choice(seq)

    def human(self):
        """A human password with some punctuation: Word!Word1987 and kin."""
        words = ["Falcon", "Harbor", "Maple", "Quartz", "Winter", "Copper", "Orbit", "Saffron",
                 "Tundra", "Marble", "Cobalt", "Juniper", "Lantern", "Raven", "Summit", "Pepper",
                 "Voyage", "Ember", "Glacier", "Meadow", "Thistle", "Bramble", "Cinder", "Nimbus"]
        shape = self.r.randrange(5)
        w1, w2 = self.r.sample(words, 2)
        yr = str(self.r.randrange(1961, 2024))
        p = self.pick("!#%&*-_.?+=")
        if shape == 0:
            return w1 + p + w2 + yr
        if shape == 1:
            return w1.lower() + yr[2:] + p + w2 + self.s(DG, 2)
        if shape == 2:
            t = w1.replace("a", "@").replace("o", "0").replace("e", "3")
            return t + p + self.s(DG, 3) + w2[:3].lower()
        if shape == 3:
            return yr + w1.upper()[:3] + p + w2.lower() + p
        return self.s(AN, 6) + p + self.s(AN, 5) + self.pick("!$%")

    def strong(self, n=24):
        return self.s(AN, n)

    def b62crc(self, body):
        c = binascii.crc32(body.encode()) & 0xFFFFFFFF
        out = ""
        while c:
            c, m = divmod(c, 62)
            out = B62[m] + out
        return out.rjust(6, "0")

    def gh(self, prefix="ghp_"):
        body = self.s(AN, 30)
        return prefix + body + self.b62crc(body)

    def npm(self):
        body = self.s(AN, 30)
        return "npm_" + body + self.b62crc(body)

    def akia(self, prefix="AKIA"):
        return prefix + self.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)

    def aws_secret(self):
        return self.s(AN + "/+", 40)

    def glpat(self, prefix="glpat-"):
        return prefix + self.s(AN + "-_", 20)

    def slack_bot(self):
        return "xoxb-%s-%s-%s" % (self.s(DG, 12), self.s(DG, 13), self.s(AN, 24))

    def slack_hook(self):
        return "https://hooks.slack.com/services/T%s/B%s/%s" % (self.s(UAN, 8), self.s(UAN, 10),
                                                                 self.s(AN, 24))

    def jwt(self, payload, alg="RS256", siglen=342):
        def enc(o):
            return base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).decode().rstrip("=")
        hdr = {"alg": alg, "typ": "JWT"} if alg != "RS256" else {"alg": alg, "kid": self.s(B64U, 43)}
        return enc(hdr) + "." + enc(payload) + "." + self.s(B64U, siglen)

    def k8s_sa_jwt(self, ns="ci", sa="deployer"):
        return self.jwt({"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": ns,
                         "kubernetes.io/serviceaccount/secret.name": sa + "-token-" + self.s(LAN, 5),
                         "kubernetes.io/serviceaccount/service-account.name": sa,
                         "kubernetes.io/serviceaccount/service-account.uid": self.uuid(),
                         "sub": "system:serviceaccount:%s:%s" % (ns, sa)})

    def bcrypt(self):
        return "$2y$10$" + self.s(AN + "./", 53)

    def sha512crypt(self):
        return "$6$" + self.s(AN + "./", 16) + "$" + self.s(AN + "./", 86)

    def ssha(self):
        return "{SSHA}" + base64.b64encode(bytes(self.r.randrange(256) for _ in range(24))).decode()

    def sha256hex(self):
        return self.hex(64)

    def gitsha(self):
        return self.hex(40)

    def b64(self, text):
        return base64.b64encode(text.encode()).decode()

    # ---- files and items ---------------------------------------------------
    def file(self, path, crlf=False):
        if path in self.files:
            raise SystemExit("gen: %s written twice" % path)
        f = File(path, crlf)
        self.files[path] = f
        self.order.append(path)
        return f


def unindent(text, base=8):
    """Drop the leading newline and the source's 8-space base indent."""
    if text.startswith("\n"):
        text = text[1:]
    if text.endswith("\n"):
        text = text[:-1]
    out = []
    for ln in text.split("\n"):
        k = 0
        while k < base and k < len(ln) and ln[k] == " ":
            k += 1
        out.append(ln[k:])
    return "\n".join(out)


class File:
    def __init__(self, path, crlf=False):
        self.path = path
        self.crlf = crlf
        self.lines = []
        self.items = []

    def t(self, text):
        """Filler: one or more lines, nothing secret-like."""
        self.lines.extend(unindent(text).split("\n"))
        return self

    def item(self, label, kind, value, text):
        text = unindent(text)
        start = len(self.lines) + 1
        self.lines.extend(text.replace(V, value).split("\n"))
        self.items.append({"file": self.path, "line": start, "end": len(self.lines),
                           "kind": kind, "label": label, "value": value})
        return self

    def p(self, kind, value, text):
        return self.item("positive", kind, value, text)

    def n(self, kind, value, text):
        return self.item("negative", kind, value, text)

    def pem(self, label, kind, pem, prefix="", indent=""):
        """A PEM block, each line prefixed; value = the second body line."""
        body = pem.strip("\n").split("\n")
        value = body[2] if len(body) > 3 else body[1]
        text = "\n".join(prefix + indent + b if i else prefix + b for i, b in enumerate(body))
        start = len(self.lines) + 1
        self.lines.extend(text.split("\n"))
        self.items.append({"file": self.path, "line": start, "end": len(self.lines),
                           "kind": kind, "label": label, "value": value})
        return self


# ---- keys --------------------------------------------------------------------
class Keys:
    """Private keys and certificates: openssl / ssh-keygen, or random bodies."""

    def __init__(self, r):
        self.r = r
        self.tmp = None

    def _run(self, args):
        if self.tmp is None:
            self.tmp = tempfile.mkdtemp(prefix="blind6-")
        try:
            p = subprocess.run(args, cwd=self.tmp, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        return p if p.returncode == 0 else None

    def _fake(self, armour, nbytes):
        raw = bytes(self.r.randrange(256) for _ in range(nbytes))
        b = base64.b64encode(raw).decode()
        body = "\n".join(b[i:i + 64] for i in range(0, len(b), 64))
        return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (armour, body, armour)

    def rsa_pkcs1(self, bits=2048):
        if shutil.which("openssl"):
            p = self._run(["openssl", "genrsa", "-traditional", str(bits)])
            if p and "BEGIN RSA PRIVATE KEY" in p.stdout:
                return p.stdout
        return self._fake("RSA PRIVATE KEY", 1190 if bits == 2048 else 608)

    def pkcs8(self, kind="rsa"):
        if shutil.which("openssl"):
            if kind == "rsa":
                p = self._run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
            else:
                p = self._run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
            if p and "BEGIN PRIVATE KEY" in p.stdout:
                return p.stdout
        return self._fake("PRIVATE KEY", 1218 if kind == "rsa" else 138)

    def ec(self):
        if shutil.which("openssl"):
            p = self._run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout"])
            if p and "BEGIN EC PRIVATE KEY" in p.stdout:
                return p.stdout
        return self._fake("EC PRIVATE KEY", 121)

    def openssh(self, comment="deploy@ci"):
        if shutil.which("ssh-keygen"):
            path = os.path.join(self.tmp or tempfile.mkdtemp(prefix="blind6-"), "k%d" % self.r.randrange(10 ** 9))
            if self.tmp is None:
                self.tmp = os.path.dirname(path)
            p = self._run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path])
            if p:
                with open(path) as f:
                    priv = f.read()
                with open(path + ".pub") as f:
                    pub = f.read().strip()
                return priv, pub
        priv = self._fake("OPENSSH PRIVATE KEY", 300)
        pub = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + base64.b64encode(
            bytes(self.r.randrange(256) for _ in range(32))).decode().rstrip("=") + " " + comment
        return priv, pub

    def cert(self, cn="example.internal"):
        if shutil.which("openssl"):
            p = self._run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                           "-nodes", "-keyout", "/dev/null", "-days", "365", "-subj", "/CN=" + cn])
            if p and "BEGIN CERTIFICATE" in p.stdout:
                return p.stdout
        return self._fake("CERTIFICATE", 420)

    def pubkey(self):
        if shutil.which("openssl"):
            p = self._run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024",
                           "-out", "pk.pem"])
            if p:
                q = self._run(["openssl", "pkey", "-in", "pk.pem", "-pubout"])
                if q and "BEGIN PUBLIC KEY" in q.stdout:
                    return q.stdout
        return self._fake("PUBLIC KEY", 162)

    def dhparam(self):
        # generating DH parameters is slow; a random body of the right size is enough
        return self._fake("DH PARAMETERS", 264)

    def cleanup(self):
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


def pem_inline(pem, indent):
    return ("\n" + indent).join(pem.strip("\n").split("\n"))


def safe_pw(c):
    """A human password that needs no quoting in URLs, fstab or unit files."""
    w = ["river", "Copper", "Lantern", "orbit", "Glacier", "meadow", "Falcon", "quartz", "Nimbus", "thistle"]
    a, b = c.r.sample(w, 2)
    return a + c.pick("-_.") + b.capitalize() + c.s(DG, c.r.randrange(2, 5)) + c.pick(["", "x", "Q", "z"])


# =============================================================================
# CI / CD
# =============================================================================
def ci(c):
    h = c.human
    f = c.file(".github/workflows/release.yml")
    f.t("""
        name: release
        on:
          push:
            tags: ["v*"]
        permissions:
          contents: write
          id-token: write
        jobs:
          publish:
            runs-on: ubuntu-latest
            services:
              postgres:
                image: postgres:16
                env:""")
    f.n("dummy-ci-service-password", "postgres", """
                  POSTGRES_PASSWORD: @V@""")
    f.t("""
                ports: ["5432:5432"]
            env:""")
    f.p("token-npm-gha-env", c.npm(), """
              NODE_AUTH_TOKEN: @V@""")
    f.t("""
              REGISTRY: ghcr.io
            steps:""")
    sha = c.gitsha()
    f.n("pinned-action-sha", sha, """
              - uses: actions/checkout@@V@ # v4.1.1""")
    f.n("reference-gha-oidc-role", "arn:aws:iam::123456789012:role/gha-release", """
              - uses: aws-actions/configure-aws-credentials@v4
                with:
                  role-to-assume: @V@""")
    f.t("""
                  aws-region: eu-west-1
              - uses: docker/login-action@v3
                with:
                  registry: docker.io
                  username: releasebot""")
    f.n("reference-gha-secrets", "${{ secrets.DOCKERHUB_TOKEN }}", """
                  password: @V@""")
    f.n("reference-gha-add-mask", "::add-mask::$DEPLOY_TOKEN", """
              - run: echo "@V@\"""")
    f.p("token-github-docker-login-stdin", c.gh("ghp_"), """
              - run: echo @V@ | docker login ghcr.io -u release-bot --password-stdin""")
    f.t("""
              - run: npm publish --access public""")

    f = c.file(".github/workflows/nightly.yml")
    f.t("""
        name: nightly
        on:
          schedule:
            - cron: "17 2 * * *"
        jobs:
          e2e:
            runs-on: ubuntu-22.04
            container:
              image: registry.example.io/qa/e2e-runner:2024.03
              credentials:""")
    f.p("password-gha-container-credentials", h(), """
                username: qa-puller
                password: "@V@\"""")
    f.t("""
            steps:
              - uses: actions/checkout@v4""")
    f.n("reference-gha-vars", "${{ vars.E2E_BASE_URL }}", """
              - run: ./e2e/run.sh --base-url "@V@\"""")
    f.n("reference-gha-github-token", "${{ github.token }}", """
                env:
                  GH_TOKEN: @V@""")
    f.p("webhook-slack-gha-env", c.slack_hook(), """
              - name: notify
                if: failure()
                env:
                  SLACK_WEBHOOK_URL: @V@""")
    f.t("""
                run: ./scripts/notify.sh "nightly e2e failed\"""")

    f = c.file(".gitlab-ci.yml")
    f.t("""
        stages: [lint, build, deploy]

        variables:
          DOCKER_DRIVER: overlay2
          AWS_DEFAULT_REGION: eu-central-1""")
    f.p("key-id-aws-gitlab-variables", c.akia(), """
          AWS_ACCESS_KEY_ID: "@V@\"""")
    f.p("secret-aws-gitlab-variables", c.aws_secret(), """
          AWS_SECRET_ACCESS_KEY: "@V@\"""")
    f.p("token-sonarqube-gitlab-variables", "sqp_" + c.hex(40), """
          SONAR_TOKEN: "@V@\"""")
    f.t("""
          SONAR_HOST_URL: https://sonar.example.internal

        build:
          stage: build
          image: docker:24
          script:""")
    f.n("reference-gitlab-registry-password", "$CI_REGISTRY_PASSWORD", """
            - echo "@V@" | docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY\"""")
    f.n("reference-gitlab-job-token-url", "https://gitlab-ci-token:${CI_JOB_TOKEN}@gitlab.example.internal/platform/charts.git", """
            - git clone @V@""")
    f.t("""
            - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA" .

        deploy:
          stage: deploy
          id_tokens:
            VAULT_ID_TOKEN:
              aud: https://vault.example.internal
          secrets:""")
    f.n("reference-gitlab-vault-secret", "production/db/password@ops", """
            DATABASE_PASSWORD:
              vault: @V@""")
    f.t("""
          script:
            - ./deploy.sh production""")

    f = c.file("ci/gitlab/terraform.gitlab-ci.yml")
    f.t("""
        .terraform:
          image: registry.gitlab.com/gitlab-org/terraform-images/stable:latest
          variables:
            TF_ROOT: infra/envs/prod
            TF_HTTP_USERNAME: tf-state-bot""")
    f.p("token-gitlab-tf-http-password", c.glpat(), """
            TF_HTTP_PASSWORD: @V@""")
    f.t("""
          before_script:
            - cd "$TF_ROOT"

        trigger-docs:
          stage: .post
          script:""")
    f.p("token-gitlab-pipeline-trigger", "glptt-" + c.hex(40), """
            - curl -sS -X POST -F token=@V@ -F ref=main https://gitlab.example.internal/api/v4/projects/42/trigger/pipeline""")
    f.n("reference-gitlab-job-token-header", 'JOB-TOKEN: $CI_JOB_TOKEN', """
            - 'curl --header "@V@" --upload-file dist/docs.tgz "$CI_API_V4_URL/projects/$CI_PROJECT_ID/packages/generic/docs/1.0/docs.tgz"'""")

    f = c.file("Jenkinsfile")
    f.t("""
        pipeline {
          agent { label 'linux' }
          environment {""")
    f.n("reference-jenkins-credentials", "credentials('artifactory-deployer')", """
            ARTIFACTORY = @V@""")
    f.p("token-sonarqube-jenkinsfile-env", "squ_" + c.hex(40), """
            SONAR_TOKEN = '@V@'""")
    f.t("""
          }
          stages {
            stage('Publish') {
              steps {""")
    f.n("reference-jenkins-with-credentials", "usernamePassword(credentialsId: 'nexus', usernameVariable: 'NX_USER', passwordVariable: 'NX_PASS')", """
                withCredentials([@V@]) {
                  sh 'mvn -s ci/settings.xml deploy'
                }""")
    pw = h()
    f.p("password-jenkinsfile-curl-u", pw, """
                sh "curl -fsS -u deployer:'@V@' -T target/app.war https://tomcat.example.internal/manager/text/deploy?path=/app\"""")
    f.t("""
              }
            }
          }
        }""")

    f = c.file("jenkins/casc/jenkins.yaml")
    f.t("""
        jenkins:
          systemMessage: "Managed by JCasC"
          securityRealm:
            local:
              allowsSignup: false
              users:
                - id: admin""")
    f.n("reference-jcasc-env", "${JENKINS_ADMIN_PASSWORD}", """
                  password: "@V@\"""")
    f.t("""
        credentials:
          system:
            domainCredentials:
              - credentials:
                  - usernamePassword:
                      scope: GLOBAL
                      id: nexus
                      username: ci-deployer""")
    f.p("password-jcasc-username-password", h(), """
                      password: "@V@\"""")
    f.t("""
                  - string:
                      scope: GLOBAL
                      id: github-api""")
    f.p("token-jcasc-string-credential", c.gh("ghp_"), """
                      secret: "@V@\"""")
    f.t("""
                  - string:
                      scope: GLOBAL
                      id: slack-bot""")
    f.n("ciphertext-jenkins-secret", "{AQAAABAAAAAw" + c.s(B64, 72) + "}", """
                      secret: "@V@\"""")

    f = c.file("jenkins/agent/jenkins-agent.service")
    f.t("""
        [Unit]
        Description=Jenkins inbound agent build-01
        After=network-online.target

        [Service]
        User=jenkins
        WorkingDirectory=/var/lib/jenkins-agent""")
    f.p("secret-jenkins-agent-jnlp", c.hex(64), """
        ExecStart=/usr/bin/java -jar /opt/jenkins/agent.jar -url https://ci.example.internal/ -secret @V@ -name build-01 -workDir /var/lib/jenkins-agent""")
    f.t("""
        Restart=always

        [Install]
        WantedBy=multi-user.target""")

    f = c.file("jenkins/agent/jenkins-agent-02.service")
    f.t("""
        [Unit]
        Description=Jenkins inbound agent build-02

        [Service]
        User=jenkins""")
    f.n("reference-jenkins-agent-secret-file", "@/etc/jenkins/agent-02.secret", """
        ExecStart=/usr/bin/java -jar /opt/jenkins/agent.jar -url https://ci.example.internal/ -secret @V@ -name build-02""")
    f.t("""
        Restart=always""")

    f = c.file(".circleci/config.yml")
    f.t("""
        version: 2.1
        orbs:
          codecov: codecov/codecov@3
        jobs:
          test:
            docker:
              - image: cimg/python:3.12
                auth:
                  username: ci-puller""")
    f.n("reference-circleci-env", "$DOCKERHUB_PASSWORD", """
                  password: @V@""")
    f.t("""
            environment:
              PYTHONDONTWRITEBYTECODE: "1\"""")
    f.p("token-codecov-circleci-env", c.uuid(), """
              CODECOV_TOKEN: @V@""")
    f.t("""
            steps:
              - checkout
              - run: pytest --cov
          trigger-downstream:
            docker:
              - image: cimg/base:stable
            steps:""")
    f.p("token-circleci-personal-api", "CCIPAT_" + c.s(AN, 22) + "_" + c.hex(40), """
              - run: curl -X POST -H "Circle-Token: @V@" https://circleci.com/api/v2/project/gh/example/docs/pipeline""")
    f.t("""
        workflows:
          main:
            jobs: [test, trigger-downstream]""")

    f = c.file("azure-pipelines.yml")
    f.t("""
        trigger:
          branches:
            include: [main]
        pool:
          vmImage: ubuntu-latest
        variables:
          - group: release-secrets
          - name: buildConfiguration
            value: Release""")
    f.p("token-azure-devops-pat-pipeline-var", c.s(B32L, 52), """
          - name: AZURE_DEVOPS_EXT_PAT
            value: @V@""")
    f.t("""
        steps:
          - task: SonarQubePrepare@5
            inputs:
              SonarQube: sonar-connection""")
    f.n("reference-azure-pipelines-macro", "$(sonarToken)", """
              extraProperties: |
                sonar.login=@V@""")
    f.n("reference-azure-setvariable-issecret", "##vso[task.setvariable variable=dbPass;issecret=true]$(kv-db-pass)", """
          - script: echo "@V@\"""")
    f.t("""
          - script: dotnet build --configuration $(buildConfiguration)""")

    f = c.file("bitbucket-pipelines.yml")
    f.t("""
        image:
          name: registry.example.io/build/node:20
          username: bb-puller""")
    f.p("password-bitbucket-image-credentials", h(), """
          password: '@V@'""")
    f.t("""
        pipelines:
          branches:
            main:
              - step:
                  name: deploy static site
                  script:
                    - npm ci && npm run build
                    - pipe: atlassian/aws-s3-deploy:1.1.0
                      variables:""")
    f.p("key-id-aws-bitbucket-pipe", c.akia(), """
                        AWS_ACCESS_KEY_ID: '@V@'""")
    f.p("secret-aws-bitbucket-pipe", c.aws_secret(), """
                        AWS_SECRET_ACCESS_KEY: '@V@'""")
    f.t("""
                        AWS_DEFAULT_REGION: 'us-east-1'
                        S3_BUCKET: 'www-example-site'
                        LOCAL_PATH: 'dist'
            staging:
              - step:
                  script:
                    - pipe: atlassian/aws-s3-deploy:1.1.0
                      variables:""")
    f.n("reference-bitbucket-variable", "$STAGING_AWS_SECRET", """
                        AWS_SECRET_ACCESS_KEY: @V@""")

    f = c.file(".drone.yml")
    f.t("""
        kind: pipeline
        type: docker
        name: default

        steps:
          - name: publish
            image: plugins/docker
            settings:
              repo: registry.example.io/app/web
              username: drone""")
    f.p("password-drone-plugin-settings", h(), """
              password: "@V@\"""")
    f.t("""
          - name: changelog
            image: alpine/git
            environment:""")
    f.p("token-gitea-drone-env", c.hex(40), """
              GITEA_TOKEN: @V@""")
    f.t("""
          - name: notify
            image: plugins/slack
            settings:
              webhook:""")
    f.n("reference-drone-from-secret", "from_secret: slack_webhook", """
                @V@""")

    f = c.file("deploy/drone/docker-compose.yml")
    f.t("""
        services:
          drone:
            image: drone/drone:2
            ports: ["80:80"]
            environment:
              - DRONE_SERVER_HOST=drone.example.internal
              - DRONE_SERVER_PROTO=https""")
    f.n("public-github-oauth-app-client-id", "Iv1." + c.hex(16), """
              - DRONE_GITHUB_CLIENT_ID=@V@""")
    f.p("secret-github-oauth-drone", c.hex(40), """
              - DRONE_GITHUB_CLIENT_SECRET=@V@""")
    rpc = c.hex(32)
    f.p("secret-drone-rpc-server", rpc, """
              - DRONE_RPC_SECRET=@V@""")
    f.t("""
          runner:
            image: drone/drone-runner-docker:1
            environment:
              - DRONE_RPC_HOST=drone.example.internal""")
    f.p("secret-drone-rpc-runner", rpc, """
              - DRONE_RPC_SECRET=@V@""")

    f = c.file(".buildkite/pipeline.yml")
    f.t("""
        env:
          NODE_ENV: test""")
    f.p("token-buildkite-user-api", "bkua_" + c.hex(40), """
          BUILDKITE_API_TOKEN: "@V@\"""")
    f.t("""
        steps:
          - label: ":docker: build"
            plugins:""")
    f.n("reference-buildkite-password-env", "password-env: DOCKER_LOGIN_PASSWORD", """
              - docker-login#v3.0.0:
                  username: buildkite
                  @V@""")
    f.n("reference-buildkite-env-passthrough", "- NPM_TOKEN", """
              - docker#v5.10.0:
                  image: node:20
                  environment:
                    @V@""")
    f.t("""
            command: npm ci && npm test""")

    f = c.file("ops/buildkite/buildkite-agent.cfg")
    f.p("token-buildkite-agent-cfg", c.s(HEX, 50), """
        token="@V@\"""")
    f.t("""
        name="%hostname-%spawn"
        tags="queue=default,os=linux"
        build-path="/var/lib/buildkite-agent/builds"
        hooks-path="/etc/buildkite-agent/hooks"
        git-clone-flags=-v""")

    f = c.file("tekton/git-auth.yaml")
    f.t("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: git-basic-auth
          annotations:
            tekton.dev/git-0: https://github.com
        type: kubernetes.io/basic-auth
        stringData:
          username: release-bot""")
    f.p("token-github-tekton-basic-auth", c.gh("ghp_"), """
          password: @V@""")
    f.t("""
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: git-ssh
          annotations:
            tekton.dev/git-0: gitlab.example.internal
        type: kubernetes.io/ssh-auth
        stringData:
          ssh-privatekey: |""")
    priv, pub = c.keys.openssh("tekton@ci")
    f.pem("positive", "private-key-openssh-tekton-secret", priv, prefix="    ")
    hk = "gitlab.example.internal ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + c.s(B64, 43)
    f.n("public-known-hosts-tekton", hk, """
          known_hosts: |
            @V@""")

    f = c.file("tekton/pipelinerun.yaml")
    f.t("""
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata:
          generateName: build-and-push-
        spec:
          pipelineRef:
            name: build-and-push
          params:
            - name: image
              value: registry.example.io/app/api""")
    f.n("reference-tekton-param", "$(params.registry-token)", """
            - name: token
              value: "@V@\"""")
    f.t("""
          workspaces:
            - name: source
              volumeClaimTemplate:
                spec:
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 1Gi""")
    f.n("reference-tekton-workspace-secret", "secretName: registry-dockerconfig", """
            - name: dockerconfig
              secret:
                @V@""")

    f = c.file("argo/workflows/db-migrate.yaml")
    f.t("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: db-migrate-
        spec:
          entrypoint: migrate
          templates:
            - name: migrate
              container:
                image: registry.example.io/app/migrate:1.14
                env:
                  - name: PGHOST
                    value: pg-primary.db.svc""")
    f.p("password-argo-workflow-env", h(), """
                  - name: PGPASSWORD
                    value: "@V@\"""")
    f.n("reference-k8s-secret-key-ref", "secretKeyRef", """
                  - name: API_TOKEN
                    valueFrom:
                      @V@:
                        name: migrate-api
                        key: token""")

    f = c.file("argocd/repo-credentials.yaml")
    f.t("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: repo-platform-charts
          namespace: argocd
          labels:
            argocd.argoproj.io/secret-type: repository
        stringData:
          type: git
          url: https://gitlab.example.internal/platform/charts.git
          username: argocd""")
    f.p("token-gitlab-argocd-repository", c.glpat(), """
          password: @V@""")
    f.t("""
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: argocd-secret
          namespace: argocd
        stringData:""")
    f.n("hash-argocd-admin-bcrypt", "$2a$10$" + c.s(AN + "./", 53), """
          admin.password: "@V@\"""")
    f.n("timestamp-argocd-password-mtime", "2024-02-11T09:12:44Z", """
          admin.passwordMtime: "@V@\"""")
    f.p("secret-argocd-server-secretkey", c.b64bytes(32), """
          server.secretkey: "@V@\"""")

    f = c.file("argocd/cluster-prod.yaml")
    f.t("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: cluster-prod
          namespace: argocd
          labels:
            argocd.argoproj.io/secret-type: cluster
        type: Opaque
        stringData:
          name: prod
          server: https://10.20.0.10:6443
          config: |
            {""")
    f.p("token-k8s-sa-argocd-cluster", c.k8s_sa_jwt("kube-system", "argocd-manager"), """
              "bearerToken": "@V@",""")
    f.n("public-ca-data-argocd-cluster", c.b64bytes(600), """
              "tlsClientConfig": {"insecure": false, "caData": "@V@"}""")
    f.t("""
            }""")

    f = c.file("concourse/pipeline.yml")
    f.t("""
        resources:
          - name: app-image
            type: registry-image
            source:
              repository: registry.example.io/app/web
              username: concourse""")
    f.p("password-concourse-resource-source", h(), """
              password: "@V@\"""")
    f.t("""
          - name: artifacts
            type: s3
            source:
              bucket: ci-artifacts""")
    f.n("reference-concourse-var", "((aws.access_key_id))", """
              access_key_id: @V@""")
    f.n("reference-concourse-var-secret", "((aws.secret_access_key))", """
              secret_access_key: @V@""")
    f.t("""
        jobs:
          - name: build
            plan:
              - get: app-image""")

    f = c.file("cloudbuild.yaml")
    f.t("""
        steps:
          - name: node:20
            entrypoint: bash
            args:
              - -c
              - |
                echo "//registry.npmjs.org/:_authToken=$$NPM_TOKEN" > .npmrc
                npm publish
            secretEnv: ["NPM_TOKEN"]
          - name: gcr.io/cloud-builders/docker
            args: ["build", "-t", "europe-docker.pkg.dev/$PROJECT_ID/app/web:$SHORT_SHA", "."]
        availableSecrets:
          secretManager:""")
    f.n("reference-gcp-secret-manager-version", "projects/$PROJECT_ID/secrets/npm-token/versions/latest", """
            - versionName: @V@
              env: NPM_TOKEN""")
    f.t("""
        substitutions:
          _REGION: europe-west1""")
    f.p("webhook-discord-cloudbuild-substitution", "https://discord.com/api/webhooks/%s/%s" % (c.s(DG, 19), c.s(B64U, 68)), """
          _DISCORD_WEBHOOK: "@V@\"""")

    f = c.file("buildspec.yml")
    f.t("""
        version: 0.2
        env:
          variables:
            IMAGE_REPO: app/api""")
    f.p("password-codebuild-env-variable", h(), """
            DOCKERHUB_PASS: "@V@\"""")
    f.n("reference-codebuild-parameter-store", "/prod/api/db-password", """
          parameter-store:
            DB_PASSWORD: @V@""")
    f.n("reference-codebuild-secrets-manager", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api/stripe-AbC123:api_key", """
          secrets-manager:
            STRIPE_KEY: @V@""")
    f.t("""
        phases:
          pre_build:
            commands:
              - echo "$DOCKERHUB_PASS" | docker login -u example --password-stdin
          build:
            commands:
              - docker build -t $IMAGE_REPO:$CODEBUILD_RESOLVED_SOURCE_VERSION .""")

    f = c.file(".teamcity/settings.kts")
    f.t("""
        import jetbrains.buildServer.configs.kotlin.*

        version = "2024.03"

        project {
            buildType(Deploy)
            params {""")
    f.n("reference-teamcity-credentials-json", "credentialsJSON:" + c.uuid(), """
                password("env.DEPLOY_KEY", "@V@")""")
    f.p("key-octopus-teamcity-param", "API-" + c.s(UAN, 27), """
                param("env.OCTOPUS_API_KEY", "@V@")""")
    f.t("""
            }
        }

        object Deploy : BuildType({
            name = "Deploy"
        })""")

    f = c.file("deploy/woodpecker/docker-compose.yml")
    f.t("""
        services:
          woodpecker-server:
            image: woodpeckerci/woodpecker-server:v2
            environment:
              WOODPECKER_HOST: https://ci.example.org
              WOODPECKER_GITEA: "true"
              WOODPECKER_GITEA_URL: https://git.example.org""")
    f.n("public-gitea-oauth-client-id", c.uuid(), """
              WOODPECKER_GITEA_CLIENT: @V@""")
    f.p("secret-gitea-oauth-woodpecker", "gto_" + c.s(B32L, 52), """
              WOODPECKER_GITEA_SECRET: @V@""")
    f.p("secret-woodpecker-agent", c.hex(64), """
              WOODPECKER_AGENT_SECRET: @V@""")

    f = c.file(".woodpecker/deploy.yml")
    f.t("""
        steps:
          - name: deploy
            image: alpine:3.19
            environment:""")
    f.n("reference-woodpecker-from-secret", "from_secret: ssh_key", """
              SSH_KEY:
                @V@""")
    f.t("""
            commands:
              - ./scripts/deploy.sh""")

    f = c.file(".travis.yml")
    f.t("""
        language: python
        python: ["3.11"]
        env:
          global:""")
    f.n("ciphertext-travis-secure", c.b64bytes(256), """
            - secure: "@V@\"""")
    f.t("""
        deploy:
          provider: pypi
          username: __token__
          password:""")
    f.n("ciphertext-travis-secure-deploy", c.b64bytes(256), """
            secure: "@V@\"""")

    f = c.file("ops/gitlab-runner/config.toml")
    f.t("""
        concurrent = 4
        check_interval = 0

        [[runners]]
          name = "docker-build-01"
          url = "https://gitlab.example.internal/\"""")
    f.n("public-gitlab-runner-id", "17", """
          id = @V@""")
    f.p("token-gitlab-runner-config", c.glpat("glrt-"), """
          token = "@V@\"""")
    f.t("""
          executor = "docker"
          [runners.docker]
            image = "alpine:3.19"
            privileged = true
          [runners.cache]
            Type = "s3"
            [runners.cache.s3]
              ServerAddress = "minio.example.internal:9000\"""")
    f.p("key-id-minio-runner-cache", c.s(UAN, 20), """
              AccessKey = "@V@\"""")
    f.p("secret-minio-runner-cache", c.s(AN, 40), """
              SecretKey = "@V@\"""")
    f.t("""
              BucketName = "runner-cache\"""")


# =============================================================================
# Infrastructure as code
# =============================================================================
def iac(c):
    h = c.human
    f = c.file("infra/envs/prod/backend.tf")
    f.t("""
        terraform {
          required_version = ">= 1.6"
          backend "s3" {
            bucket         = "example-tfstate-prod"
            key            = "platform/terraform.tfstate"
            region         = "eu-west-1"
            dynamodb_table = "tf-locks\"""")
    f.p("key-id-aws-terraform-s3-backend", c.akia(), """
            access_key     = "@V@\"""")
    f.p("secret-aws-terraform-s3-backend", c.aws_secret(), """
            secret_key     = "@V@\"""")
    f.t("""
          }
        }""")

    f = c.file("infra/envs/staging/backend.hcl")
    f.p("password-terraform-pg-backend-conn-str", safe_pw(c), """
        conn_str    = "postgres://terraform:@V@@tfstate-db.example.internal:5432/terraform_backend?sslmode=require\"""")
    f.t("""
        schema_name = "staging\"""")

    f = c.file("infra/azure/backend.tf")
    f.t("""
        terraform {
          backend "azurerm" {
            resource_group_name  = "rg-tfstate"
            storage_account_name = "sttfstateprod01"
            container_name       = "tfstate"
            key                  = "prod.terraform.tfstate\"""")
    f.p("key-azure-storage-terraform-backend", c.b64bytes(64), """
            access_key           = "@V@\"""")
    f.t("""
          }
        }""")

    f = c.file("infra/envs/dev/backend.tf")
    f.t("""
        terraform {
          backend "azurerm" {
            resource_group_name  = "rg-tfstate"
            storage_account_name = "sttfstatedev01"
            container_name       = "tfstate"
            key                  = "dev.terraform.tfstate\"""")
    f.n("setting-terraform-backend-oidc", "use_oidc             = true", """
            @V@""")
    f.n("public-azure-tenant-id", c.uuid(), """
            tenant_id            = "@V@\"""")
    f.t("""
          }
        }""")

    f = c.file("infra/providers.tf")
    f.p("token-cloudflare-terraform-provider", c.s(AN + "_-", 40), """
        provider "cloudflare" {
          api_token = "@V@"
        }""")
    f.t("")
    f.n("reference-terraform-var", "var.hcloud_token", """
        provider "hcloud" {
          token = @V@
        }""")
    f.t("")
    f.p("token-vault-terraform-provider", "hvs.CAESI" + c.s(B64U, 86), """
        provider "vault" {
          address = "https://vault.example.internal:8200"
          token   = "@V@"
        }""")
    f.t("")
    f.n("reference-terraform-data-source", "data.aws_eks_cluster_auth.main.token", """
        provider "kubernetes" {
          host                   = data.aws_eks_cluster.main.endpoint
          cluster_ca_certificate = base64decode(data.aws_eks_cluster.main.certificate_authority[0].data)
          token                  = @V@
        }""")
    f.t("")
    f.p("token-linode-terraform-provider", c.hex(64), """
        provider "linode" {
          token = "@V@"
        }""")
    f.t("")
    f.t("""
        provider "digitalocean" {""")
    f.p("key-id-do-spaces-terraform", "DO00" + c.s(UAN, 16), """
          spaces_access_id  = "@V@\"""")
    f.p("secret-do-spaces-terraform", c.s(B64, 43), """
          spaces_secret_key = "@V@\"""")
    f.t("""
        }""")

    f = c.file("infra/variables.tf")
    f.n("reference-terraform-sensitive-variable-no-default", 'variable "db_password"', """
        @V@ {
          type      = string
          sensitive = true
        }""")
    f.t("")
    f.n("placeholder-terraform-default", "CHANGE_ME", """
        variable "grafana_admin_password" {
          type    = string
          default = "@V@"
        }""")
    f.t("")
    f.p("key-mongodbatlas-terraform-default", c.uuid(), """
        variable "atlas_private_key" {
          type    = string
          default = "@V@"
        }""")
    f.t("")
    f.n("public-mongodbatlas-public-key", c.s(LO, 8), """
        variable "atlas_public_key" {
          type    = string
          default = "@V@"
        }""")

    f = c.file("infra/main.tf")
    f.t("""
        resource "aws_db_instance" "app" {
          identifier        = "app-prod"
          engine            = "postgres"
          instance_class    = "db.t4g.medium"
          username          = "app\"""")
    f.n("reference-terraform-random-password", "random_password.db.result", """
          password          = @V@""")
    f.t("""
        }

        resource "aws_lambda_function" "thumbnailer" {
          function_name    = "thumbnailer"
          filename         = "build/thumbnailer.zip\"""")
    f.n("hash-terraform-source-code-hash", c.b64bytes(32), """
          source_code_hash = "@V@\"""")
    f.t("""
        }

        resource "aws_s3_object" "robots" {
          bucket = "www-example"
          key    = "robots.txt\"""")
    f.n("hash-terraform-etag-md5", c.hex(32), """
          etag   = "@V@\"""")
    f.t("""
        }

        data "aws_kms_secrets" "app" {
          secret {
            name    = "db_master\"""")
    f.n("ciphertext-aws-kms-secrets-payload", "AQICAHh" + c.s(B64, 180) + "==", """
            payload = "@V@\"""")
    f.t("""
          }
        }""")
    f.t("""

        resource "aws_instance" "bastion" {""")
    f.n("public-aws-ami-id", "ami-0" + c.hex(16), """
          ami           = "@V@\"""")
    f.t("""
          instance_type = "t4g.micro"
          user_data     = <<-EOT
            #!/bin/bash
            curl -fsSL https://tailscale.com/install.sh | sh""")
    f.p("key-tailscale-auth-terraform-user-data", "tskey-auth-k" + c.s(AN, 11) + "CNTRL-" + c.s(AN, 33), """
            tailscale up --authkey=@V@ --ssh""")
    f.t("""
          EOT
        }""")

    f = c.file("infra/live/prod/rabbitmq/terragrunt.hcl")
    f.t("""
        include "root" {
          path = find_in_parent_folders()
        }

        terraform {
          source = "git::https://git.example.internal/infra/modules.git//rabbitmq?ref=v2.3.0"
        }

        inputs = {
          cluster_name      = "events-prod\"""")
    f.p("password-terragrunt-inputs", h(), """
          admin_password    = "@V@\"""")
    f.n("reference-terragrunt-get-env", 'get_env("RABBITMQ_EXPORTER_PASSWORD")', """
          exporter_password = @V@""")
    f.n("reference-terragrunt-sops", 'sops_decrypt_file("secrets.enc.json")', """
          extra_secrets     = jsondecode(@V@)""")
    f.t("""
        }""")

    f = c.file("infra/modules/alerting/providers.tf")
    f.p("token-pagerduty-terraform-provider", c.s(AN + "_+-", 20), """
        provider "pagerduty" {
          token = "@V@"
        }""")
    f.t("")
    f.p("key-opsgenie-terraform-provider", c.uuid(), """
        provider "opsgenie" {
          api_key = "@V@"
          api_url = "api.eu.opsgenie.com"
        }""")

    f = c.file("infra/scaleway/main.tf")
    f.t("""
        provider "scaleway" {
          zone            = "fr-par-1"
          region          = "fr-par\"""")
    f.p("key-id-scaleway-terraform", "SCW" + c.s(UAN, 17), """
          access_key      = "@V@\"""")
    f.p("secret-scaleway-terraform", c.uuid(), """
          secret_key      = "@V@\"""")
    f.n("public-scaleway-project-id", c.uuid(), """
          project_id      = "@V@\"""")
    f.t("""
        }""")

    f = c.file("infra/hetzner/prod.auto.tfvars")
    f.p("token-hetzner-cloud-tfvars", c.s(AN, 64), """
        hcloud_token        = "@V@\"""")
    f.n("public-ssh-key-fingerprint-md5", ":".join(c.hex(2) for _ in range(16)), """
        ssh_key_fingerprint = "@V@\"""")
    f.t("""
        location            = "nbg1"
        server_type         = "cx32\"""")

    f = c.file("ansible/host_vars/db01.yml")
    f.t("""
        ---
        mysql_bind_address: 0.0.0.0
        mysql_max_connections: 400""")
    f.p("password-ansible-host-vars-mysql-root", h(), """
        mysql_root_password: "@V@\"""")
    f.n("reference-ansible-jinja-var", "{{ vault_become_password }}", """
        ansible_become_password: "@V@\"""")
    vault_lines = "\n".join("          " + c.hex(80) for _ in range(5))
    f.n("ciphertext-ansible-vault-inline", "$ANSIBLE_VAULT;1.1;AES256", """
        mysql_replication_password: !vault |
          @V@
""" + vault_lines)

    f = c.file("ansible/.vault_pass")
    f.p("password-ansible-vault-password-file", c.strong(32), """
        @V@""")

    f = c.file("ansible/ansible.cfg")
    f.t("""
        [defaults]
        inventory = inventories/prod/hosts.ini
        roles_path = roles
        host_key_checking = True""")
    f.n("reference-ansible-vault-password-file-path", "~/.ansible/vault_pass.txt", """
        vault_password_file = @V@""")
    f.t("""

        [privilege_escalation]
        become = True
        become_ask_pass = False""")

    f = c.file("ansible/roles/app/defaults/main.yml")
    f.t("""
        ---
        app_user: app
        app_port: 8080""")
    f.n("placeholder-ansible-defaults", "CHANGE_ME", """
        app_secret_key: "@V@\"""")
    f.n("reference-ansible-hashi-vault-lookup", "{{ lookup('community.hashi_vault.hashi_vault', 'secret=kv/data/app:db_password') }}", """
        app_db_password: "@V@\"""")
    f.n("reference-ansible-env-lookup", "{{ lookup('env', 'SMTP_PASSWORD') }}", """
        app_smtp_password: "@V@\"""")

    f = c.file("ansible/roles/app/tasks/main.yml")
    f.t("""
        ---
        - name: create database user
          community.mysql.mysql_user:
            name: "{{ app_user }}\"""")
    f.n("reference-ansible-jinja-password", "{{ app_db_password }}", """
            password: "@V@\"""")
    f.t("""
            priv: "app.*:ALL"
          no_log: true

        - name: register droplet tag
          ansible.builtin.uri:
            url: https://api.digitalocean.com/v2/tags
            method: POST
            headers:""")
    f.p("token-digitalocean-ansible-uri-header", "dop_v1_" + c.hex(64), """
              Authorization: "Bearer @V@\"""")
    f.t("""
            body_format: json
            body: {name: app}

        - name: local admin account
          ansible.builtin.user:
            name: opsadmin""")
    f.n("hash-ansible-user-sha512crypt", c.sha512crypt(), """
            password: "@V@\"""")

    f = c.file("awx/export/credentials.json")
    f.t("""
        {
          "credentials": [
            {
              "name": "prod-ssh",
              "credential_type": {"kind": "ssh", "name": "Machine"},
              "inputs": {
                "username": "deploy",""")
    f.n("ciphertext-awx-encrypted-marker", "$encrypted$", """
                "ssh_key_data": "@V@",""")
    f.n("ciphertext-awx-encrypted-marker-become", "$encrypted$", """
                "become_password": "@V@\"""")
    f.t("""
              }
            }
          ]
        }""")

    f = c.file("awx/tower_cli.cfg")
    f.t("""
        [general]
        host = https://awx.example.internal
        username = automation""")
    f.p("password-tower-cli-cfg", h(), """
        password = @V@""")
    f.t("""
        verify_ssl = true""")

    f = c.file("salt/cloud.providers.d/linode.conf")
    f.t("""
        linode-prod:
          driver: linode
          api_version: v4""")
    f.p("token-linode-salt-cloud", c.hex(64), """
          apikey: @V@""")
    f.p("password-salt-cloud-root", h(), """
          password: '@V@'""")
    f.n("reference-salt-sdb", "sdb://vault/salt/linode/ssh_pubkey", """
          ssh_pubkey: @V@""")

    f = c.file("salt/master.d/ext_pillar.conf")
    f.t("""
        ext_pillar:
          - mysql:
              fromdb:
                query: 'SELECT col1,col2 FROM pillar WHERE id LIKE %s'

        mysql.host: 'cmdb.example.internal'
        mysql.user: 'salt'""")
    f.p("password-salt-master-mysql", h(), """
        mysql.pass: '@V@'""")
    f.t("""
        mysql.db: 'salt'
        mysql.port: 3306""")

    f = c.file("puppet/r10k.yaml")
    f.t("""
        ---
        cachedir: '/var/cache/r10k'
        sources:
          control:""")
    f.p("token-gitlab-r10k-remote-url", c.glpat(), """
            remote: 'https://oauth2:@V@@gitlab.example.internal/puppet/control-repo.git'""")
    f.t("""
            basedir: '/etc/puppetlabs/code/environments'""")

    f = c.file("puppet/hieradata/common.eyaml")
    f.t("""
        ---
        profile::base::ntp_servers:
          - 0.pool.ntp.org
          - 1.pool.ntp.org""")
    f.n("ciphertext-hiera-eyaml-pkcs7", "ENC[PKCS7," + c.s(B64, 200) + "=]", """
        profile::db::root_password: >
          @V@""")

    f = c.file("puppet/keys/private_key.pkcs7.pem")
    f.pem("positive", "private-key-hiera-eyaml-pkcs7", c.keys.rsa_pkcs1())

    f = c.file("chef/.chef/credentials")
    f.t("""
        [default]
        client_name = "ops-admin"
        chef_server_url = "https://chef.example.internal/organizations/platform"
        client_key = \"\"\"""")
    f.pem("positive", "private-key-chef-credentials-inline", c.keys.rsa_pkcs1())
    f.t('''
        """''')

    f = c.file("pulumi/index.ts")
    f.t("""
        import * as pulumi from "@pulumi/pulumi";
        import * as digitalocean from "@pulumi/digitalocean";

        const cfg = new pulumi.Config();""")
    f.n("reference-pulumi-require-secret", 'cfg.requireSecret("dbPassword")', """
        const dbPassword = @V@;""")
    f.p("token-digitalocean-pulumi-provider", "dop_v1_" + c.hex(64), """
        const provider = new digitalocean.Provider("do", { token: "@V@" });""")
    f.t("""

        export const cluster = new digitalocean.KubernetesCluster("k8s", {
            region: "fra1",
            version: "1.29.1-do.0",
            nodePool: { name: "default", size: "s-2vcpu-4gb", nodeCount: 3 },
        }, { provider });""")

    f = c.file("crossplane/aws-providerconfig.yaml")
    f.t("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: aws-creds
          namespace: crossplane-system
        type: Opaque
        stringData:
          credentials: |
            [default]""")
    f.p("key-id-aws-crossplane-secret", c.akia(), """
            aws_access_key_id = @V@""")
    f.p("secret-aws-crossplane-secret", c.aws_secret(), """
            aws_secret_access_key = @V@""")
    f.t("""
        ---
        apiVersion: aws.upbound.io/v1beta1
        kind: ProviderConfig
        metadata:
          name: default
        spec:
          credentials:
            source: Secret
            secretRef:
              namespace: crossplane-system
              name: aws-creds
              key: credentials""")


# =============================================================================
# driver
# =============================================================================
SECTIONS = [ci, iac]


def check(c):
    seen = {}
    for path in c.order:
        f = c.files[path]
        for it in f.items:
            if it["line"] < 1 or it["end"] > len(f.lines) or it["end"] < it["line"]:
                raise SystemExit("gen: bad span %r" % it)
            span = "\n".join(f.lines[it["line"] - 1:it["end"]])
            if it["value"] not in span:
                raise SystemExit("gen: value not on its lines: %s:%d %s" % (path, it["line"], it["kind"]))
            if it["label"] == "positive" and len(it["value"]) < 6:
                raise SystemExit("gen: short positive %s:%d" % (path, it["line"]))
            for ln in range(it["line"], it["end"] + 1):
                if (path, ln) in seen:
                    raise SystemExit("gen: two items share %s:%d" % (path, ln))
                seen[(path, ln)] = it


def generate(outdir, seed=20240611):
    c = Corpus(seed)
    try:
        for sec in SECTIONS:
            sec(c)
    finally:
        c.keys.cleanup()
    check(c)
    repo = os.path.join(outdir, "repo")
    if os.path.isdir(repo):
        shutil.rmtree(repo)
    labels = []
    for path in c.order:
        f = c.files[path]
        full = os.path.join(repo, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        nl = "\r\n" if f.crlf else "\n"
        with open(full, "w", newline="") as fh:
            fh.write(nl.join(f.lines) + nl)
        labels.extend(f.items)
    with open(os.path.join(outdir, "labels.json"), "w") as fh:
        json.dump(labels, fh, indent=1)
    return labels


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=20240611)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    labels = generate(a.outdir, a.seed)
    pos = sum(1 for l in labels if l["label"] == "positive")
    kinds = len({(l["label"], l["kind"]) for l in labels})
    files = len({l["file"] for l in labels})
    print("blind6: %d files with items, %d positives, %d negatives, %d kinds"
          % (files, pos, len(labels) - pos, kinds))


if __name__ == "__main__":
    main()
