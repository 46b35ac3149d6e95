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
    f.n("public-ca-data-argocd-cluster", c.b64(c.keys.cert("prod-ca")), """
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
""")
    f.n("reference-cloudbuild-escaped-env", "//registry.npmjs.org/:_authToken=$$NPM_TOKEN", """
                echo "@V@" > .npmrc""")
    f.t("""
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
            commands:""")
    f.n("reference-codebuild-shell-env", 'echo "$DOCKERHUB_PASS" | docker login -u example --password-stdin', """
              - @V@""")
    f.t("""
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
# Containers and orchestration
# =============================================================================
def containers(c):
    h = c.human
    f = c.file("Dockerfile")
    f.n("digest-oci-image-pin", "sha256:" + c.sha256hex(), """
        FROM node:20-alpine@@V@ AS build""")
    f.t("""
        WORKDIR /src""")
    f.p("token-npm-dockerfile-arg-default", c.npm(), """
        ARG NPM_TOKEN=@V@""")
    f.n("reference-dockerfile-arg-no-default", "ARG GITHUB_TOKEN", """
        @V@""")
    f.t("""
        COPY package.json package-lock.json ./""")
    f.n("reference-dockerfile-secret-mount", "--mount=type=secret,id=npmrc,target=/root/.npmrc", """
        RUN @V@ npm ci""")
    f.t("""
        COPY . .
        RUN npm run build

        FROM nginx:1.25-alpine
        COPY --from=build /src/dist /usr/share/nginx/html""")

    f = c.file("docker/api/Dockerfile")
    f.t("""
        FROM python:3.12-slim
        ENV PYTHONUNBUFFERED=1 \\
            PIP_NO_CACHE_DIR=1""")
    f.n("reference-dockerfile-env-interpolation", "https://__token__:${PYPI_TOKEN}@pypi.example.internal/simple/", """
        ARG PYPI_TOKEN
        ENV PIP_INDEX_URL=@V@""")
    f.p("password-dockerfile-env-database-url", safe_pw(c), """
        ENV DATABASE_URL=postgresql://api:@V@@db.internal:5432/api""")
    f.t("""
        COPY requirements.txt .
        RUN pip install -r requirements.txt
        COPY . /app
        CMD ["gunicorn", "-b", "0.0.0.0:8000", "app.wsgi"]""")

    f = c.file("docker/worker/Dockerfile")
    f.t("""
        FROM golang:1.22 AS build
        WORKDIR /src""")
    f.p("token-github-dockerfile-goprivate-netrc", c.gh("ghp_"), """
        RUN echo "machine github.com login x-access-token password @V@" > /root/.netrc""")
    f.t("""
        ENV GOPRIVATE=github.com/example/*
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/worker ./cmd/worker

        FROM gcr.io/distroless/static
        COPY --from=build /out/worker /worker
        ENTRYPOINT ["/worker"]""")

    f = c.file("docker-compose.yml")
    f.t("""
        services:
          db:
            image: postgres:16
            environment:
              - POSTGRES_USER=app""")
    f.p("password-compose-env-list", h(), """
              - POSTGRES_PASSWORD=@V@""")
    f.t("""
            volumes:
              - pgdata:/var/lib/postgresql/data
          minio:""")
    f.n("digest-compose-image", "sha256:" + c.sha256hex(), """
            image: minio/minio@@V@""")
    f.t("""
            command: server /data --console-address ":9001"
            environment:
              MINIO_ROOT_USER: minioadmin-prod""")
    f.p("password-compose-minio-root", c.strong(32), """
              MINIO_ROOT_PASSWORD: "@V@\"""")
    f.t("""
          cache:
            image: redis:7""")
    f.n("reference-compose-required-var", "${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}", """
            command: ["redis-server", "--requirepass", "@V@"]""")
    f.t("""
          queue:
            image: rabbitmq:3-management
            environment:
              RABBITMQ_DEFAULT_USER: guest""")
    f.n("default-rabbitmq-guest", "guest", """
              RABBITMQ_DEFAULT_PASS: @V@""")
    f.t("""
          app:
            build: .
            secrets:
              - db_password
        secrets:
          db_password:""")
    f.n("reference-compose-secret-file", "./secrets/db_password.txt", """
            file: @V@""")
    f.t("""
        volumes:
          pgdata: {}""")

    f = c.file("docker-compose.override.yml.bak")
    f.t("""
        services:
          keycloak:
            image: quay.io/keycloak/keycloak:24.0
            command: start-dev
            environment:
              KEYCLOAK_ADMIN: admin""")
    f.p("password-compose-backup-keycloak-admin", h(), """
              KEYCLOAK_ADMIN_PASSWORD: "@V@\"""")
    f.t("""
          grafana:
            image: grafana/grafana:10.4.0
            environment:""")
    f.n("default-grafana-admin", "GF_SECURITY_ADMIN_PASSWORD=admin", """
              - @V@""")

    f = c.file("docker-compose.monitoring.yml")
    f.t("""
        services:
          grafana:
            image: grafana/grafana:10.4.0
            environment:""")
    f.n("reference-compose-file-suffix", "/run/secrets/grafana_admin_password", """
              GF_SECURITY_ADMIN_PASSWORD__FILE: @V@""")
    f.t("""
          datadog:
            image: gcr.io/datadoghq/agent:7
            environment:""")
    f.p("key-datadog-compose-env", c.hex(32), """
              - DD_API_KEY=@V@""")
    f.t("""
              - DD_SITE=datadoghq.eu
              - DD_LOGS_ENABLED=true""")

    f = c.file("deploy/swarm/stack.yml")
    f.t("""
        version: "3.8"
        services:
          traefik:
            image: traefik:v3.0
            environment:""")
    f.p("token-cloudflare-swarm-env", c.s(AN + "_-", 40), """
              CF_DNS_API_TOKEN: "@V@\"""")
    f.t("""
            secrets:
              - acme_email
        secrets:
          acme_email:""")
    f.n("reference-swarm-external-secret", "external: true", """
            @V@""")

    f = c.file("k8s/base/configmap.yaml")
    f.t("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: orders-config
        data:
          SPRING_PROFILES_ACTIVE: prod
          SPRING_DATASOURCE_URL: jdbc:postgresql://orders-db:5432/orders
          SPRING_DATASOURCE_USERNAME: orders""")
    f.p("password-k8s-configmap-env", h(), """
          SPRING_DATASOURCE_PASSWORD: "@V@\"""")
    f.t("""
          application-extra.properties: |
            spring.redis.host=orders-cache""")
    f.p("password-k8s-configmap-embedded-properties", c.strong(20), """
            spring.redis.password=@V@""")
    f.t("""
            logging.level.root=INFO""")

    f = c.file("k8s/base/regcred.yaml")
    user, pw = "ci-puller", c.strong(28)
    auth = c.b64(user + ":" + pw)
    dcj = c.b64(json.dumps({"auths": {"registry.example.io": {"username": user, "password": pw, "auth": auth}}}))
    f.t("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: regcred
        type: kubernetes.io/dockerconfigjson
        data:""")
    f.p("docker-auth-k8s-dockerconfigjson", dcj, """
          .dockerconfigjson: @V@""")

    f = c.file("k8s/base/external-secret.yaml")
    f.t("""
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata:
          name: orders-db
        spec:
          refreshInterval: 1h
          secretStoreRef:
            name: vault-backend
            kind: ClusterSecretStore
          target:
            name: orders-db
          data:
            - secretKey: password
              remoteRef:""")
    f.n("reference-external-secrets-remote-key", "kv/prod/orders/db", """
                key: @V@
                property: password""")

    f = c.file("k8s/overlays/prod/sealed-secret.yaml")
    f.t("""
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: orders-stripe
          namespace: orders
        spec:
          encryptedData:""")
    f.n("ciphertext-sealed-secret", "AgB" + c.s(B64, 560) + "==", """
            STRIPE_SECRET_KEY: @V@""")
    f.t("""
          template:
            metadata:
              name: orders-stripe""")

    f = c.file("k8s/control-plane/encryption-config.yaml")
    f.t("""
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
          - resources:
              - secrets
            providers:
              - aescbc:
                  keys:
                    - name: key1""")
    f.p("key-k8s-encryption-config-aescbc", c.b64bytes(32), """
                      secret: @V@""")
    f.t("""
              - identity: {}""")

    f = c.file("k8s/control-plane/kubeadm-config.yaml")
    f.t("""
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: InitConfiguration
        bootstrapTokens:
          - groups:
              - system:bootstrappers:kubeadm:default-node-token""")
    f.p("token-kubeadm-bootstrap-config", c.s(LAN, 6) + "." + c.s(LAN, 16), """
            token: "@V@\"""")
    f.t("""
            ttl: 24h0m0s
            usages: [signing, authentication]""")
    f.p("key-kubeadm-certificate-key", c.hex(64), """
        certificateKey: "@V@\"""")
    f.t("""
        ---
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: JoinConfiguration
        discovery:
          bootstrapToken:
            apiServerEndpoint: 10.20.0.10:6443
            caCertHashes:""")
    f.n("hash-kubeadm-ca-cert", "sha256:" + c.sha256hex(), """
              - "@V@\"""")

    f = c.file("k3s/server/config.yaml")
    f.t("""
        write-kubeconfig-mode: "0640"
        tls-san:
          - k3s.example.internal
        cluster-init: true""")
    f.p("token-k3s-server-config", "K10" + c.hex(64) + "::server:" + c.hex(32), """
        token: "@V@\"""")
    f.n("reference-k3s-token-file", "/etc/rancher/k3s/agent-token", """
        agent-token-file: @V@""")
    f.t("""
        disable:
          - traefik""")

    f = c.file("k3s/registries.yaml")
    f.t("""
        mirrors:
          docker.io:
            endpoint:
              - "https://registry.example.io"
        configs:
          "registry.example.io":
            auth:
              username: k3s-node""")
    f.p("password-k3s-registries-auth", h(), """
              password: "@V@\"""")
    f.n("reference-tls-ca-file-path", "/etc/rancher/k3s/registry-ca.crt", """
            tls:
              ca_file: @V@""")

    f = c.file("kube/config-prod")
    f.t("""
        apiVersion: v1
        kind: Config
        current-context: prod-oidc
        clusters:
          - name: prod
            cluster:
              server: https://api.prod.example.internal:6443""")
    f.n("public-kubeconfig-ca-data", c.b64(c.keys.cert("prod-ca")), """
              certificate-authority-data: @V@""")
    f.t("""
        contexts:
          - name: prod-oidc
            context: {cluster: prod, user: oidc}
          - name: prod-basic
            context: {cluster: prod, user: break-glass}
        users:
          - name: oidc
            user:
              auth-provider:
                name: oidc
                config:
                  client-id: kubernetes
                  idp-issuer-url: https://sso.example.internal/realms/ops""")
    f.p("secret-oidc-kubeconfig-auth-provider", c.s(AN, 32), """
                  client-secret: @V@""")
    f.p("token-oidc-kubeconfig-refresh", c.jwt({"typ": "Refresh", "azp": "kubernetes", "sid": c.uuid()}, alg="HS512", siglen=86), """
                  refresh-token: @V@""")
    f.t("""
          - name: break-glass
            user:
              username: admin""")
    f.p("password-kubeconfig-basic-auth", h(), """
              password: "@V@\"""")
    f.t("""
          - name: eks
            user:
              exec:
                apiVersion: client.authentication.k8s.io/v1beta1""")
    f.n("reference-kubeconfig-exec-plugin", "command: aws", """
                @V@
                args: ["eks", "get-token", "--cluster-name", "prod"]""")

    f = c.file("helm/orders/values-prod.yaml")
    f.t("""
        replicaCount: 3
        image:
          repository: registry.example.io/orders/api""")
    f.n("digest-helm-image", "sha256:" + c.sha256hex(), """
          digest: "@V@\"""")
    f.t("""
        postgresql:
          auth:
            username: orders""")
    f.p("password-helm-values-postgresql", h(), """
            postgresPassword: "@V@\"""")
    f.n("reference-helm-existing-secret", "orders-postgresql-auth", """
            existingSecret: "@V@\"""")
    f.t("""
        redis:
          auth:
            enabled: true""")
    f.n("empty-helm-password", 'password: ""', """
            @V@""")

    f = c.file("helmfile.yaml")
    f.t("""
        repositories:
          - name: grafana
            url: https://grafana.github.io/helm-charts
        releases:
          - name: grafana
            namespace: monitoring
            chart: grafana/grafana
            set:
              - name: adminUser
                value: admin""")
    f.p("password-helmfile-set-value", h(), """
              - name: adminPassword
                value: "@V@\"""")
    f.t("""
          - name: loki
            namespace: monitoring
            chart: grafana/loki
            set:""")
    f.n("reference-helmfile-required-env", '{{ requiredEnv "LOKI_S3_SECRET_KEY" }}', """
              - name: loki.storage.s3.secretAccessKey
                value: '@V@'""")
    f.n("reference-vals-vault", "ref+vault://kv/data/monitoring/loki#s3_access_key", """
              - name: loki.storage.s3.accessKeyId
                value: @V@""")

    f = c.file("scripts/helm-deploy.sh")
    f.t("""
        #!/usr/bin/env bash
        set -euo pipefail
        NS=payments

        helm upgrade --install mariadb bitnami/mariadb -n "$NS" \\""")
    f.p("password-helm-cli-set", h(), """
          --set auth.rootPassword='@V@' \\""")
    f.n("reference-helm-set-file", "--set-file tls.key=./certs/tls.key", """
          @V@ \\""")
    f.t("""
          --wait

        kubectl -n "$NS" create secret generic mailer \\""")
    f.p("key-sendgrid-kubectl-from-literal", "SG." + c.s(B64U, 22) + "." + c.s(B64U, 43), """
          --from-literal=api-key=@V@ \\""")
    f.t("""
          --dry-run=client -o yaml | kubectl apply -f -

        kubectl -n "$NS" create secret generic app-env \\""")
    f.n("reference-kubectl-from-env-file", "--from-env-file=.env.production", """
          @V@""")

    f = c.file("containers/auth.json")
    up = c.b64("robot$ci+pusher:" + c.s(AN, 32))
    f.t("""
        {
          "auths": {""")
    f.p("docker-auth-podman-auth-json", up, """
            "harbor.example.io": {
              "auth": "@V@"
            }""")
    f.t("""
          },
          "credHelpers": {""")
    f.n("reference-docker-cred-helper", "ecr-login", """
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com": "@V@\"""")
    f.t("""
          }
        }""")

    f = c.file("containerd/config.toml")
    f.t("""
        version = 2
        [plugins."io.containerd.grpc.v1.cri".registry]
          config_path = ""
          [plugins."io.containerd.grpc.v1.cri".registry.configs."registry.example.io".auth]
            username = "node-puller\"""")
    f.p("password-containerd-registry-auth", h(), """
            password = "@V@\"""")
    f.t("""
          [plugins."io.containerd.grpc.v1.cri".registry.configs."registry.example.io".tls]""")
    f.n("reference-containerd-tls-key-path", "/etc/containerd/certs/client.key", """
            key_file = "@V@\"""")

    f = c.file("deploy/quay/robot.env")
    f.p("token-quay-robot", c.s(UAN, 64), """
        QUAY_ROBOT_USER=example+ci_pusher
        QUAY_ROBOT_TOKEN=@V@""")
    f.t("""
        QUAY_REGISTRY=quay.io""")

    f = c.file("deploy/harbor/robot-ci.json")
    f.t("""
        {
          "id": 14,""")
    f.p("secret-harbor-robot-account", c.s(AN, 32), """
          "name": "robot$ci-pusher",
          "secret": "@V@",""")
    f.n("timestamp-harbor-expires", "1767225600", """
          "expires_at": @V@,""")
    f.t("""
          "level": "project"
        }""")


# =============================================================================
# Dotfiles and CLI credential stores
# =============================================================================
def dotfiles(c):
    h = c.human
    f = c.file("dotfiles/.boto")
    f.t("""
        [Credentials]""")
    f.p("key-id-gcs-hmac-boto", "GOOG1E" + c.s(UAN, 55), """
        gs_access_key_id = @V@""")
    f.p("secret-gcs-hmac-boto", c.s(AN + "/+", 40), """
        gs_secret_access_key = @V@""")
    f.p("token-google-refresh-boto", "1//0" + c.s(AN + "-_", 99), """
        gs_oauth2_refresh_token = @V@""")
    f.t("""

        [Boto]
        https_validate_certificates = True

        [GSUtil]
        default_project_id = example-data-prod""")

    f = c.file("dotfiles/.config/rclone/rclone.conf")
    f.t("""
        [b2]
        type = b2""")
    f.p("key-backblaze-rclone", "K005" + c.s(AN + "/+", 27), """
        account = 005""" + c.hex(22) + """
        key = @V@""")
    f.t("""
        hard_delete = false

        [nas]
        type = sftp
        host = nas.home.arpa
        user = backup""")
    f.p("password-rclone-obscured-sftp", c.s(B64U, 44), """
        pass = @V@""")
    f.t("""

        [gdrive]
        type = drive
        scope = drive.file""")
    tok = json.dumps({"access_token": "ya29." + c.s(AN + "-_", 150), "token_type": "Bearer",
                      "refresh_token": "1//09" + c.s(AN + "-_", 97), "expiry": "2024-03-04T10:11:12.5+01:00"},
                     separators=(",", ":"))
    f.p("token-google-oauth-rclone-drive", tok, """
        token = @V@""")
    f.t("""

        [wasabi]
        type = s3
        provider = Wasabi
        endpoint = s3.eu-central-1.wasabisys.com""")
    f.p("key-id-wasabi-rclone", c.s(UAN, 20), """
        access_key_id = @V@""")
    f.p("secret-wasabi-rclone", c.s(AN, 40), """
        secret_access_key = @V@""")
    f.t("""

        [secret]
        type = crypt
        remote = wasabi:vault-backup""")
    f.p("password-rclone-obscured-crypt", c.s(B64U, 52), """
        password = @V@""")
    f.t("""

        [scratch]
        type = local""")

    f = c.file("dotfiles/.wgetrc")
    f.t("""
        timestamping = on
        tries = 3""")
    f.p("password-wgetrc", h(), """
        user = mirror
        password = @V@""")

    f = c.file("dotfiles/.local/share/lftp/bookmarks")
    f.p("password-lftp-bookmark-url", safe_pw(c), """
        prod-www	ftp://deploy:@V@@ftp.example.net/htdocs""")
    f.n("url-lftp-bookmark-no-password", "sftp://backup@nas.home.arpa/volume1/backup", """
        nas	@V@""")

    f = c.file("dotfiles/.config/hub")
    f.t("""
        github.com:
        - user: octo-ops""")
    f.p("token-github-oauth-hub-config", c.gh("gho_"), """
          oauth_token: @V@""")
    f.t("""
          protocol: https""")

    f = c.file("dotfiles/.config/doctl/config.yaml")
    f.p("token-digitalocean-doctl-config", "dop_v1_" + c.hex(64), """
        access-token: @V@""")
    f.t("""
        context: default
        output: text""")

    f = c.file("dotfiles/.config/hcloud/cli.toml")
    f.t("""
        active_context = "prod"

        [[contexts]]
          name = "prod\"""")
    f.p("token-hetzner-hcloud-cli", c.s(AN, 64), """
          token = "@V@\"""")

    f = c.file("dotfiles/.config/scw/config.yaml")
    f.t("""
        profiles:
          prod:""")
    f.p("secret-scaleway-cli-config", c.uuid(), """
            access_key: SCW""" + c.s(UAN, 17) + """
            secret_key: @V@""")
    f.n("public-scaleway-organization-id", c.uuid(), """
            default_organization_id: @V@""")
    f.t("""
            default_region: fr-par
            default_zone: fr-par-1""")

    f = c.file("dotfiles/.oci/config")
    f.t("""
        [DEFAULT]""")
    f.n("public-oci-user-ocid", "ocid1.user.oc1..aaaaaaaa" + c.s(LAN, 52), """
        user=@V@""")
    f.n("public-oci-key-fingerprint", ":".join(c.hex(2) for _ in range(16)), """
        fingerprint=@V@""")
    f.n("public-oci-tenancy-ocid", "ocid1.tenancy.oc1..aaaaaaaa" + c.s(LAN, 52), """
        tenancy=@V@""")
    f.t("""
        region=eu-frankfurt-1""")
    f.n("reference-oci-key-file-path", "~/.oci/oci_api_key.pem", """
        key_file=@V@""")
    f.p("password-oci-pass-phrase", h(), """
        pass_phrase=@V@""")

    f = c.file("dotfiles/.oci/oci_api_key.pem")
    f.pem("positive", "private-key-oci-api-key-pkcs8", c.keys.pkcs8())

    f = c.file("dotfiles/.config/gcloud/application_default_credentials.json")
    f.t("""
        {""")
    f.n("public-gcloud-sdk-client-id", "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com", """
          "client_id": "@V@",""")
    f.n("public-gcloud-sdk-client-secret", "d-FL95Q19q7MQmFpd7hHD0Ty", """
          "client_secret": "@V@",""")
    f.n("public-gcp-quota-project", "example-data-prod", """
          "quota_project_id": "@V@",""")
    f.p("token-google-refresh-adc", "1//0g" + c.s(AN + "-_", 98), """
          "refresh_token": "@V@",""")
    f.t("""
          "type": "authorized_user"
        }""")

    f = c.file("dotfiles/.cf/config.json")
    f.t("""
        {
          "ConfigVersion": 3,
          "Target": "https://api.sys.cf.example.internal",""")
    f.p("token-cloudfoundry-cf-config-access", c.jwt({"jti": c.hex(32), "sub": c.uuid(), "scope": ["cloud_controller.read", "cloud_controller.write"], "client_id": "cf", "cid": "cf", "grant_type": "password", "user_name": "ops", "iss": "https://uaa.sys.cf.example.internal/oauth/token"}), """
          "AccessToken": "bearer @V@",""")
    f.p("token-cloudfoundry-cf-config-refresh", c.hex(32) + "-r", """
          "RefreshToken": "@V@",""")
    f.t("""
          "UAAOAuthClient": "cf",""")
    f.n("empty-cf-uaa-client-secret", '"UAAOAuthClientSecret": ""', """
          @V@,""")
    f.t("""
          "SSHOAuthClient": "ssh-proxy"
        }""")

    f = c.file("dotfiles/.fly/config.yml")
    f.p("token-flyio-config", "fo1_" + c.s(B64U, 43), """
        access_token: @V@""")
    f.t("""
        auto_update: true
        send_metrics: false""")

    f = c.file("dotfiles/.config/ngrok/ngrok.yml")
    f.t("""
        version: "2\"""")
    f.p("token-ngrok-authtoken", "2" + c.s(AN, 26) + "_" + c.s(AN, 21), """
        authtoken: @V@""")
    f.t("""
        tunnels:
          web:
            proto: http
            addr: 8080""")

    tid = c.uuid()
    f = c.file("dotfiles/.cloudflared/%s.json" % tid)
    f.t("""
        {""")
    f.n("public-cloudflare-account-tag", c.hex(32), """
          "AccountTag": "@V@",""")
    f.p("secret-cloudflared-tunnel-credentials", c.b64bytes(32), """
          "TunnelSecret": "@V@",""")
    f.n("public-cloudflare-tunnel-id", tid, """
          "TunnelID": "@V@\"""")
    f.t("""
        }""")

    f = c.file("dotfiles/.cloudflared/config.yml")
    f.n("public-cloudflare-tunnel-id-config", tid, """
        tunnel: @V@""")
    f.n("reference-cloudflared-credentials-file", "/root/.cloudflared/%s.json" % tid, """
        credentials-file: @V@""")
    f.t("""
        ingress:
          - hostname: grafana.example.org
            service: http://localhost:3000
          - service: http_status:404""")

    f = c.file("scripts/install-tunnel.sh")
    ttok = c.b64(json.dumps({"a": c.hex(32), "t": c.uuid(), "s": c.b64bytes(32)}, separators=(",", ":")))
    f.t("""
        #!/bin/sh
        set -e
        curl -fsSL -o cloudflared.deb https://github.com/cloudflare/cloudflared/releases/latest/download/cloudflared-linux-amd64.deb
        dpkg -i cloudflared.deb""")
    f.p("token-cloudflared-tunnel-install", ttok, """
        cloudflared service install @V@""")

    f = c.file("dotfiles/.vault-token")
    f.p("token-vault-token-file", "hvs." + c.s(AN, 24), """
        @V@""")

    f = c.file("dotfiles/.config/glab-cli/config.yml")
    f.t("""
        git_protocol: ssh
        editor: vim
        hosts:
          gitlab.example.internal:
            api_protocol: https""")
    f.p("token-gitlab-glab-config", c.glpat(), """
            token: @V@""")
    f.t("""
            api_host: gitlab.example.internal""")

    f = c.file("dotfiles/.circleci/cli.yml")
    f.t("""
        host: https://circleci.com
        endpoint: graphql-unstable""")
    f.p("token-circleci-cli-config", c.hex(40), """
        token: @V@""")

    f = c.file("dotfiles/.travis/config.yml")
    f.t("""
        endpoints:
          https://api.travis-ci.com/:""")
    f.p("token-travis-cli-config", c.s(AN + "_-", 22), """
            access_token: @V@""")
    f.t("""
        default_endpoint: https://api.travis-ci.com/""")

    f = c.file("dotfiles/.azure/accessTokens.json")
    f.t("""
        [
          {
            "tokenType": "Bearer",
            "expiresIn": 3599,
            "resource": "https://management.core.windows.net/",""")
    f.n("public-azure-cli-client-id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46", """
            "_clientId": "@V@",""")
    f.p("token-azure-ad-refresh-cli-cache", "0.A" + c.s(AN + "-_", 420), """
            "refreshToken": "@V@",""")
    f.t("""
            "_authority": "https://login.microsoftonline.com/common"
          }
        ]""")

    f = c.file("dotfiles/.aws/config")
    f.t("""
        [default]
        region = eu-west-1
        output = json

        [profile sso-admin]""")
    f.n("public-aws-sso-start-url", "https://d-" + c.hex(10) + ".awsapps.com/start", """
        sso_start_url = @V@""")
    f.t("""
        sso_region = eu-west-1
        sso_account_id = 123456789012
        sso_role_name = AdministratorAccess

        [profile ci]""")
    f.n("reference-aws-credential-process", "aws-vault export --format=json ci", """
        credential_process = @V@""")
    f.t("""

        [profile prod]
        source_profile = ci""")
    f.n("public-aws-role-arn", "arn:aws:iam::123456789012:role/OrganizationAccountAccessRole", """
        role_arn = @V@""")
    f.n("public-aws-mfa-serial", "arn:aws:iam::123456789012:mfa/ops-laptop", """
        mfa_serial = @V@""")

    priv, pub = c.keys.openssh("ops@laptop")
    f = c.file("dotfiles/.ssh/id_ed25519_deploy")
    f.pem("positive", "private-key-openssh-dotfiles", priv)
    f = c.file("dotfiles/.ssh/id_ed25519_deploy.pub")
    f.n("public-ssh-ed25519", pub.split()[1], """
        @V@""".replace("@V@", pub.split()[0] + " @V@ " + pub.split()[2]))

    f = c.file("dotfiles/.ssh/config")
    f.t("""
        Host bastion
          HostName bastion.example.org
          User ops""")
    f.n("reference-ssh-identity-file", "~/.ssh/id_ed25519_deploy", """
          IdentityFile @V@""")
    f.t("""
          IdentitiesOnly yes

        Host *.internal
          ProxyJump bastion
          StrictHostKeyChecking yes""")

    f = c.file("dotfiles/.ssh/known_hosts")
    f.n("public-known-hosts-hashed", "|1|" + c.b64bytes(20) + "|" + c.b64bytes(20), """
        @V@ ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI""" + c.s(B64, 43))
    f.n("public-known-hosts-rsa", "AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + c.s(B64, 512), """
        github.com ssh-rsa @V@""")

    f = c.file("dotfiles/.ssh/authorized_keys")
    f.n("public-authorized-keys-options", "AAAAC3NzaC1lZDI1NTE5AAAAI" + c.s(B64, 43), """
        from="10.0.0.0/8",no-agent-forwarding,no-X11-forwarding ssh-ed25519 @V@ backup@nas""")
    f.n("public-authorized-keys-ecdsa", "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB" + c.s(B64, 86) + "=", """
        ecdsa-sha2-nistp256 @V@ ops@laptop""")

    f = c.file("dotfiles/.config/restic/b2.env")
    f.t("""
        export RESTIC_REPOSITORY=b2:example-backups:hosts/web01""")
    f.p("password-restic-repository-env", h(), """
        export RESTIC_PASSWORD='@V@'""")
    f.n("public-backblaze-key-id", "005" + c.hex(22), """
        export B2_ACCOUNT_ID=@V@""")
    f.p("key-backblaze-restic-env", "K005" + c.s(AN + "/+", 27), """
        export B2_ACCOUNT_KEY=@V@""")

    f = c.file("backup/borgmatic/config.yaml")
    f.t("""
        source_directories:
          - /etc
          - /srv
        repositories:
          - path: ssh://borg@backup.example.org/./web01
            label: offsite""")
    f.p("password-borgmatic-passphrase", h(), """
        encryption_passphrase: "@V@\"""")
    f.t("""
        keep_daily: 7
        keep_weekly: 4""")

    f = c.file("backup/borgmatic/config-nas.yaml")
    f.t("""
        source_directories:
          - /home
        repositories:
          - path: /mnt/nas/borg/home""")
    f.n("reference-borgmatic-passcommand", "pass show backup/borg-nas", """
        encryption_passcommand: @V@""")

    f = c.file("dotfiles/.dockercfg")
    f.t("""
        {""")
    f.p("docker-auth-legacy-dockercfg", c.b64("opsbot:" + h()), """
          "https://index.docker.io/v1/": {
            "auth": "@V@",
            "email": "ops@example.org"
          }""")
    f.t("""
        }""")

    f = c.file("dotfiles/.docker/config.json")
    f.t("""
        {
          "auths": {
            "https://index.docker.io/v1/": {},
            "ghcr.io": {}
          },""")
    f.n("reference-docker-creds-store", '"credsStore": "desktop"', """
          @V@,""")
    f.t("""
          "currentContext": "desktop-linux"
        }""")

    f = c.file("dotfiles/.gitconfig")
    f.t("""
        [user]
          name = Ops Team
          email = ops@example.org
        [credential]""")
    f.n("reference-git-credential-helper", "helper = osxkeychain", """
          @V@""")
    f.t("""
        [http "https://git.example.internal/"]""")
    f.p("basic-auth-gitconfig-extraheader", c.b64("ci-bot:" + c.strong(24)), """
          extraHeader = Authorization: Basic @V@""")
    f.t("""
        [pull]
          rebase = true""")

    f = c.file("dotfiles/.transifexrc")
    f.t("""
        [https://app.transifex.com]
        rest_hostname = https://rest.api.transifex.com""")
    f.p("token-transifexrc", "1/" + c.hex(40), """
        token = @V@""")

    f = c.file("dotfiles/.config/vultr-cli.yaml")
    f.p("key-vultr-cli-config", c.s(UAN, 36), """
        api-key: @V@""")
    f.t("""
        output: text""")

    f = c.file("dotfiles/.config/linode-cli")
    f.t("""
        [DEFAULT]
        default-user = ops

        [ops]
        region = eu-central
        type = g6-standard-2""")
    f.p("token-linode-cli-config", c.hex(64), """
        token = @V@""")

    f = c.file("dotfiles/.exoscale/exoscale.toml")
    f.t("""
        defaultaccount = "prod"

        [[accounts]]
          name = "prod\"""")
    f.p("key-exoscale-cli", "EXO" + c.hex(24), """
          key = "@V@\"""")
    f.p("secret-exoscale-cli", c.s(B64U, 43), """
          secret = "@V@\"""")
    f.t("""
          defaultZone = "ch-gva-2\"""")


# =============================================================================
# Shell history and scripts
# =============================================================================
def history(c):
    h = c.human
    f = c.file("home/ops/.psql_history")
    f.t("""
        \\dt
        select count(*) from orders where created_at > now() - interval '1 day';""")
    f.p("password-psql-history-alter-user", h(), """
        ALTER USER reporting WITH PASSWORD '@V@';""")
    f.n("prompt-psql-password-meta", "\\password app", """
        @V@""")
    f.n("hash-postgres-scram-verifier", "SCRAM-SHA-256$4096:" + c.b64bytes(16) + "$" + c.b64bytes(32) + ":" + c.b64bytes(32), """
        CREATE ROLE readonly LOGIN PASSWORD '@V@';""")
    f.t("""
        \\q""")

    f = c.file("home/ops/.mysql_history")
    f.t("""
        _HiStOrY_V2_
        show\\040databases;
        use\\040shop;""")
    pw = c.s(AN, 10) + c.pick("!#%") + c.s(DG, 3)
    f.p("password-mysql-history-escaped", pw, """
        CREATE\\040USER\\040'exporter'@'10.%'\\040IDENTIFIED\\040BY\\040'@V@';""")
    f.t("""
        GRANT\\040PROCESS,\\040REPLICATION\\040CLIENT\\040ON\\040*.*\\040TO\\040'exporter'@'10.%';""")
    f.n("hash-mysql-native-password", "*" + c.s("0123456789ABCDEF", 40), """
        ALTER\\040USER\\040'legacy'@'%'\\040IDENTIFIED\\040WITH\\040mysql_native_password\\040AS\\040'@V@';""")

    f = c.file("home/ops/.rediscli_history")
    f.t("""
        PING
        INFO replication""")
    f.p("password-redis-cli-history-auth", c.strong(32), """
        AUTH @V@""")
    f.p("password-redis-cli-history-config-set", c.strong(32), """
        CONFIG SET requirepass @V@""")
    f.p("password-redis-cli-history-acl", h(), """
        ACL SETUSER worker on >@V@ ~jobs:* +@all""")
    f.n("hash-redis-acl-sha256", "#" + c.sha256hex(), """
        ACL SETUSER metrics on @V@ ~* +info""")
    f.t("""
        DBSIZE""")

    f = c.file("home/ops/.python_history")
    f.t("""
        import boto3, os""")
    f.p("secret-aws-python-history-environ", c.aws_secret(), """
        os.environ["AWS_SECRET_ACCESS_KEY"] = "@V@\"""")
    f.n("prompt-python-getpass", "getpass.getpass(\"vault password: \")", """
        pw = @V@""")
    f.t("""
        s3 = boto3.client("s3")
        s3.list_buckets()["Buckets"][:3]""")

    f = c.file("home/ops/.local/share/fish/fish_history")
    f.p("token-github-fish-history", c.gh("ghp_"), """
        - cmd: set -gx GITHUB_TOKEN @V@
          when: 1709812331""")
    f.p("password-fish-history-vault-userpass", h(), """
        - cmd: vault login -method=userpass username=ops password='@V@'
          when: 1709812402""")
    f.n("reference-1password-cli-read", "op read op://Ops/npm/token", """
        - cmd: set -gx NPM_TOKEN (@V@)
          when: 1709812499""")
    f.t("""
        - cmd: npm whoami
          when: 1709812510""")

    f = c.file("home/ops/.node_repl_history")
    f.t("""
        .exit
        res.status""")
    f.p("key-linear-node-repl-history", "lin_api_" + c.s(AN, 40), """
        const res = await fetch("https://api.linear.app/graphql", {method: "POST", headers: {Authorization: "@V@", "Content-Type": "application/json"}, body})""")
    f.n("reference-node-process-env", "process.env.LINEAR_API_KEY", """
        const key = @V@""")

    f = c.file("home/ops/AppData/Roaming/Microsoft/Windows/PowerShell/PSReadLine/ConsoleHost_history.txt", crlf=True)
    f.t("""
        Get-AzSubscription
        cd C:\\src\\platform""")
    f.p("secret-azure-ad-az-login-history", c.s(AN, 3) + "8Q~" + c.s(AN + "_-.~", 34), """
        az login --service-principal -u """ + c.uuid() + """ -p "@V@" --tenant """ + c.uuid())
    f.p("token-azure-devops-pat-git-url", c.s(B32L, 52), """
        git clone https://ops:@V@@dev.azure.com/example/platform/_git/infra""")
    f.n("prompt-powershell-get-credential", "Get-Credential", """
        $cred = @V@ -UserName "EXAMPLE\\svc-deploy\"""")

    f = c.file("home/ops/.bash_history")
    f.t("""
        kubectl config use-context prod
        kubectl -n payments get pods""")
    f.p("password-bash-history-kubectl-docker-registry", h(), """
        kubectl -n payments create secret docker-registry regcred --docker-server=registry.example.io --docker-username=k8s --docker-password='@V@'""")
    f.p("token-vault-bash-history-export", "hvs." + c.s(AN, 24), """
        export VAULT_TOKEN=@V@""")
    f.n("reference-shell-variable-echo", "echo $VAULT_TOKEN", """
        @V@""")
    f.p("token-github-bash-history-gh-auth", c.gh("ghp_"), """
        gh auth login --with-token <<< @V@""")
    f.n("prompt-shell-read-silent", "read -rs DB_PASS", """
        @V@""")
    f.p("password-bash-history-helm-repo-add", h(), """
        helm repo add internal https://charts.example.io --username ci --password '@V@'""")
    f.p("key-tailscale-auth-bash-history", "tskey-auth-k" + c.s(AN, 11) + "CNTRL-" + c.s(AN, 33), """
        sudo tailscale up --authkey=@V@""")
    sha = c.sha256hex()
    f.n("checksum-sha256sum-check", sha, """
        echo "@V@  terraform_1.7.5_linux_amd64.zip" | sha256sum -c""")
    f.n("reference-docker-login-env", 'docker login -u ci -p "$CI_REGISTRY_PASS" registry.example.io', """
        @V@""")
    f.t("""
        history | tail""")

    f = c.file("scripts/deploy.sh")
    f.t("""
        #!/usr/bin/env bash
        set -euo pipefail
        ENV=${1:-staging}""")
    f.n("reference-aws-secretsmanager-cli", "$(aws secretsmanager get-secret-value --secret-id \"$ENV/deploy/token\" --query SecretString --output text)", """
        TOKEN=@V@""")
    f.n("reference-shell-bearer-variable", 'Authorization: Bearer $TOKEN', """
        curl -fsS -X POST -H "@V@" "https://deploy.example.internal/api/v1/releases/$ENV\"""")
    f.p("secret-rclone-env-s3", c.aws_secret(), """
        export RCLONE_CONFIG_ARCHIVE_SECRET_ACCESS_KEY='@V@'""")
    f.t("""
        rclone sync ./dist archive:releases/"$ENV\"""")

    f = c.file("scripts/db-backup.sh")
    f.t("""
        #!/bin/bash
        set -e
        STAMP=$(date +%F)""")
    f.p("password-mysqldump-cli-flag", h(), """
        mysqldump --single-transaction --user=backup --password='@V@' shop > /var/backups/shop-$STAMP.sql""")
    f.p("password-pgpassword-inline-env", h(), """
        PGPASSWORD='@V@' pg_dump -h pg01 -U backup orders > /var/backups/orders-$STAMP.sql""")
    f.p("password-openssl-enc-pass-arg", h(), """
        openssl enc -aes-256-cbc -pbkdf2 -pass 'pass:@V@' -in /var/backups/shop-$STAMP.sql -out /var/backups/shop-$STAMP.sql.enc""")
    f.n("reference-openssl-pass-file", "file:/etc/backup/enc.key", """
        openssl enc -aes-256-cbc -pbkdf2 -pass @V@ -in /var/backups/orders-$STAMP.sql -out /var/backups/orders-$STAMP.sql.enc""")
    f.n("reference-gpg-passphrase-file", "--passphrase-file /etc/backup/gpg.pass", """
        gpg --batch @V@ -c /var/backups/orders-$STAMP.sql.enc""")

    f = c.file("scripts/vault-approle-login.sh")
    f.t("""
        #!/bin/sh
        vault write -field=token auth/approle/login \\""")
    f.n("public-vault-approle-role-id", c.uuid(), """
          role_id=@V@ \\""")
    f.p("secret-vault-approle-secret-id", c.uuid(), """
          secret_id=@V@ > /run/app/vault-token""")

    f = c.file("scripts/bootstrap-node.sh")
    f.t("""
        #!/bin/bash
        set -euo pipefail
        apt-get install -y kubelet kubeadm
        kubeadm join 10.20.0.10:6443 \\""")
    f.p("token-kubeadm-join-cli", c.s(LAN, 6) + "." + c.s(LAN, 16), """
          --token @V@ \\""")
    f.n("hash-kubeadm-discovery-ca", "sha256:" + c.sha256hex(), """
          --discovery-token-ca-cert-hash @V@""")


# =============================================================================
# Logs, crash dumps, SQL dumps, backups, notebooks, API tools, IDE configs
# =============================================================================
def debris(c):
    h = c.human
    f = c.file("logs/ci/build-4821.log")
    f.t("""
        2024-03-07T10:02:11.4418211Z ##[group]Run ./scripts/release.sh
        2024-03-07T10:02:11.4419012Z ./scripts/release.sh
        2024-03-07T10:02:11.4460135Z shell: /usr/bin/bash -e {0}
        2024-03-07T10:02:11.4460400Z env:""")
    f.n("masked-gha-log-env", "***", """
        2024-03-07T10:02:11.4460712Z   NPM_TOKEN: @V@""")
    f.n("masked-gha-log-docker-login", "docker login -u ci -p *** ghcr.io", """
        2024-03-07T10:02:12.0012345Z ##[command]@V@""")
    f.t("""
        2024-03-07T10:02:13.1100021Z Login Succeeded""")
    f.p("token-gitlab-ci-log-unmasked", c.glpat(), """
        2024-03-07T10:02:14.5521133Z + curl -fsS --header 'PRIVATE-TOKEN: @V@' https://gitlab.example.internal/api/v4/projects/42/releases""")
    f.t("""
        2024-03-07T10:02:15.0000001Z ##[endgroup]""")

    f = c.file("logs/debug/curl-verbose.txt")
    f.t("""
        *   Trying 203.0.113.20:443...
        * Connected to api.example.net (203.0.113.20) port 443
        * SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
        > POST /v2/reports HTTP/2
        > Host: api.example.net
        > user-agent: curl/8.5.0""")
    f.p("basic-auth-curl-verbose-header", c.b64("reports:" + h()), """
        > authorization: Basic @V@""")
    f.n("placeholder-redacted-header", "[REDACTED]", """
        > x-api-key: @V@""")
    f.t("""
        > content-type: application/json
        >
        < HTTP/2 201""")
    f.n("id-request-id-header", c.uuid(), """
        < x-request-id: @V@""")

    f = c.file("logs/debug/kubectl-v9.log")
    f.t("""
        I0307 10:15:02.118823   41233 loader.go:395] Config loaded from file:  /home/ops/.kube/config""")
    f.n("masked-kubectl-bearer", 'Authorization: Bearer <masked>', """
        I0307 10:15:02.120145   41233 round_trippers.go:466] curl -v -XGET  -H "Accept: application/json" -H "@V@" 'https://10.20.0.10:6443/api/v1/namespaces/payments/pods?limit=500'""")
    f.t("""
        I0307 10:15:02.131990   41233 round_trippers.go:553] GET https://10.20.0.10:6443/api/v1/namespaces/payments/pods?limit=500 200 OK in 11 milliseconds""")
    f.p("token-k8s-sa-kubectl-old-log", c.k8s_sa_jwt("payments", "ci-deployer"), """
        I0118 08:01:44.501212    9931 round_trippers.go:386] curl -k -v -XGET  -H "Authorization: Bearer @V@" 'https://10.20.0.10:6443/api?timeout=32s'""")

    f = c.file("logs/terraform/apply-debug.log")
    f.t("""
        2024-03-07T11:20:01.101Z [INFO]  Terraform version: 1.7.5
        2024-03-07T11:20:02.556Z [DEBUG] provider.terraform-provider-hcloud_v1.45.0: ---[ REQUEST ]---------------------------------------
        2024-03-07T11:20:02.556Z [DEBUG] provider.terraform-provider-hcloud_v1.45.0: GET /v1/servers?name=web-1 HTTP/1.1""")
    f.p("token-hetzner-terraform-debug-log", c.s(AN, 64), """
        2024-03-07T11:20:02.556Z [DEBUG] provider.terraform-provider-hcloud_v1.45.0: Authorization: Bearer @V@""")
    f.n("masked-terraform-sensitive-value", "(sensitive value)", """
        2024-03-07T11:20:04.010Z [DEBUG] module.db.aws_db_instance.app: planned change: password = @V@""")

    f = c.file("logs/ansible/deploy-vvv.log")
    f.t("""
        TASK [mysql : create application user] ****************************************""")
    f.n("masked-ansible-no-log", "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", """
        ok: [db01] => {"changed": false, "invocation": {"module_args": {"name": "app", "password": "@V@", "priv": "app.*:ALL"}}}""")
    f.t("""
        TASK [postgres : create replication role] *************************************""")
    f.p("password-ansible-verbose-log", h(), """
        changed: [pg01] => {"changed": true, "invocation": {"module_args": {"login_user": "postgres", "name": "replicator", "password": "@V@", "role_attr_flags": "REPLICATION"}}}""")
    f.n("reference-sshpass-fd", "sshpass -d12 ssh -o ControlMaster=auto", """
        <db01> SSH: EXEC @V@ -o ControlPersist=60s db01 '/bin/sh -c '"'"'echo ~ && sleep 0'"'"''""")

    f = c.file("crash/hs_err_pid4711.log")
    f.t("""
        #
        # A fatal error has been detected by the Java Runtime Environment:
        #
        #  SIGSEGV (0xb) at pc=0x00007f3a1c2b4e10, pid=4711, tid=4790
        #
        ---------------  S U M M A R Y ------------

        Command Line: -Xmx2g -Dspring.profiles.active=prod -jar /opt/orders/orders.jar
        ---------------  P R O C E S S  ---------------""")
    f.p("password-jvm-crash-log-jvm-args", h(), """
        jvm_args: -Xmx2g -Dspring.profiles.active=prod -Dspring.datasource.password=@V@ -Dfile.encoding=UTF-8""")
    f.t("""
        java_command: /opt/orders/orders.jar
        Launcher Type: SUN_STANDARD

        Environment Variables:
        JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin""")
    f.p("secret-aws-jvm-crash-log-env", c.aws_secret(), """
        AWS_SECRET_ACCESS_KEY=@V@""")
    f.t("""
        SHELL=/bin/bash
        LANG=C.UTF-8""")
    f.n("hex-crash-register", "0x00007f3a" + c.hex(8), """
        RAX=@V@ is an unknown value""")

    f = c.file("crash/node-report.20240307.101533.2211.0.001.json")
    f.t("""
        {
          "header": {
            "reportVersion": 3,
            "event": "Allocation failed - JavaScript heap out of memory",
            "trigger": "FatalError",
            "nodejsVersion": "v20.11.1"
          },
          "environmentVariables": {
            "HOME": "/home/node",
            "NODE_ENV": "production",""")
    f.p("token-github-node-report-env", c.gh("ghs_"), """
            "GITHUB_TOKEN": "@V@",""")
    f.p("token-npm-node-report-npm-config", c.npm(), """
            "npm_config_//registry.npmjs.org/:_authToken": "@V@",""")
    f.t("""
            "PATH": "/usr/local/bin:/usr/bin:/bin"
          }
        }""")

    f = c.file("logs/nginx/error.log")
    f.t("""
        2024/03/07 09:01:12 [notice] 1#1: nginx/1.25.4
        2024/03/07 09:14:55 [error] 31#31: *2011 connect() failed (111: Connection refused) while connecting to upstream, client: 198.51.100.7, server: api.example.org, request: "GET /healthz HTTP/1.1", upstream: "http://10.0.3.14:8080/healthz\"""")
    f.p("key-api-query-string-nginx-error-log", c.hex(32), """
        2024/03/07 09:15:02 [error] 31#31: *2044 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.8.21, server: api.example.org, request: "GET /v1/export?format=csv&api_key=@V@ HTTP/1.1", upstream: "http://10.0.3.14:8080/v1/export\"""")

    f = c.file("logs/app/orders-2024-03-07.jsonl")
    f.n("masked-structured-log-filtered", "[FILTERED]", """
        {"ts":"2024-03-07T09:00:01Z","level":"info","msg":"login","user":"ops","params":{"password":"@V@"}}""")
    f.n("masked-structured-log-bearer-stars", "Bearer ****************", """
        {"ts":"2024-03-07T09:00:02Z","level":"debug","msg":"outbound","headers":{"Authorization":"@V@"}}""")
    f.p("password-structured-log-dsn", safe_pw(c), """
        {"ts":"2024-03-07T09:00:05Z","level":"error","msg":"db connect failed","dsn":"postgres://orders:@V@@orders-db:5432/orders?sslmode=disable","err":"timeout"}""")
    f.n("id-trace-id", c.hex(32), """
        {"ts":"2024-03-07T09:00:06Z","level":"info","msg":"request","trace_id":"@V@","status":200}""")

    f = c.file("logs/npm/2024-03-07T10_01_22_118Z-debug-0.log")
    f.t("""
        0 verbose cli /usr/local/bin/node /usr/local/bin/npm
        1 info using npm@10.5.0""")
    f.n("masked-npm-debug-protected", "(protected)", """
        2 silly config:load:file:/home/ci/.npmrc //registry.npmjs.org/:_authToken=@V@""")
    f.t("""
        3 http fetch GET 200 https://registry.npmjs.org/lodash 142ms""")

    f = c.file("logs/gitlab-runner/runner.log")
    f.n("truncated-gitlab-runner-token", "t1_" + c.s(AN, 6), """
        Mar 07 10:00:01 build-01 gitlab-runner[811]: Checking for jobs... received  job=88121 repo_url=https://gitlab.example.internal/app/web.git runner=@V@""")
    f.t("""
        Mar 07 10:00:44 build-01 gitlab-runner[811]: Job succeeded  duration_s=43.1 job=88121 project=42""")

    f = c.file("db/dumps/app-2024-03-01.sql")
    f.t("""
        --
        -- PostgreSQL database dump
        --
        SET statement_timeout = 0;
        SET client_encoding = 'UTF8';
        CREATE ROLE app;""")
    f.n("hash-postgres-scram-dump", "SCRAM-SHA-256$4096:" + c.b64bytes(16) + "$" + c.b64bytes(32) + ":" + c.b64bytes(32), """
        ALTER ROLE app WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN PASSWORD '@V@';""")
    f.t("""

        COPY public.integrations (id, provider, workspace, access_token) FROM stdin;""")
    f.p("token-slack-sql-dump-copy-row", c.slack_bot(), """
        1	slack	T024BE7LD	@V@""")
    f.p("token-github-sql-dump-copy-row", c.gh("gho_"), """
        2	github	example-org	@V@""")
    f.t("""
        \\.

        COPY public.users (id, email, encrypted_password) FROM stdin;""")
    f.n("hash-bcrypt-sql-dump", "$2a$12$" + c.s(AN + "./", 53), """
        1	ops@example.org	@V@""")
    f.t("""
        \\.

        COPY public.api_keys (id, prefix, digest) FROM stdin;""")
    f.n("hash-api-key-digest-dump", c.sha256hex(), """
        1	ak_4f1c	@V@""")
    f.t("""
        \\.""")

    f = c.file("db/dumps/shop-full.sql")
    f.t("""
        -- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
        /*!40101 SET NAMES utf8mb4 */;
        CREATE USER 'shop'@'%';""")
    f.n("hash-mysql-caching-sha2-dump", "$A$005$" + c.s(AN, 20) + c.s(AN + "./", 43), """
        ALTER USER 'shop'@'%' IDENTIFIED WITH 'caching_sha2_password' AS '@V@';""")
    f.p("password-mysql-dump-change-master", h(), """
        CHANGE MASTER TO MASTER_HOST='db-primary', MASTER_USER='repl', MASTER_PASSWORD='@V@', MASTER_LOG_FILE='binlog.000112', MASTER_LOG_POS=4418;""")
    f.t("""
        LOCK TABLES `oauth_clients` WRITE;""")
    f.p("secret-oauth-client-mysql-dump-insert", c.s(AN, 40), """
        INSERT INTO `oauth_clients` VALUES (1,'web','Web app','@V@','https://shop.example.org/callback',1);""")
    f.t("""
        UNLOCK TABLES;""")

    f = c.file("db/redis/users.acl")
    f.n("hash-redis-acl-file", "#" + c.sha256hex(), """
        user worker on @V@ ~jobs:* &* +@all -@dangerous""")
    f.p("password-redis-acl-file-plain", c.strong(28), """
        user cache on >@V@ ~cache:* +@read +@write""")
    f.t("""
        user default off nopass ~* &* +@all""")

    f = c.file("backups/etc/nginx/nginx.conf.orig")
    f.t("""
        upstream search {
            server 10.0.4.11:9200;
        }
        server {
            listen 8443 ssl;
            location / {""")
    f.p("basic-auth-nginx-backup-proxy-header", c.b64("elastic:" + h()), """
                proxy_set_header Authorization "Basic @V@";""")
    f.t("""
                proxy_pass http://search;
            }
        }""")

    f = c.file("backups/.env.save")
    f.t("""
        APP_ENV=production
        APP_URL=https://shop.example.org""")
    f.p("token-postmark-env-backup", c.uuid(), """
        POSTMARK_SERVER_TOKEN=@V@""")
    f.n("public-twilio-account-sid", "AC" + c.hex(32), """
        TWILIO_ACCOUNT_SID=@V@""")
    f.p("token-twilio-auth-env-backup", c.hex(32), """
        TWILIO_AUTH_TOKEN=@V@""")

    f = c.file("backups/config/database.yml.old")
    f.t("""
        production:
          adapter: postgresql
          host: pg-primary.internal
          database: shop_production
          username: shop""")
    f.p("password-rails-database-yml-backup", h(), """
          password: "@V@\"""")
    f.t("""
          pool: 20""")

    f = c.file("notebooks/ops-audit.ipynb")
    nb = {"cells": [], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
          "nbformat": 4, "nbformat_minor": 5}
    # written line by line so that each item sits on its own lines
    f.t("""
        {
         "cells": [
          {
           "cell_type": "code",
           "execution_count": 1,
           "id": "a1",
           "metadata": {},
           "outputs": [],
           "source": [""")
    f.p("secret-aws-notebook-env-magic", c.aws_secret(), """
            "%env AWS_SECRET_ACCESS_KEY=@V@\\n",""")
    f.t("""
            "import boto3"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 2,
           "id": "a2",
           "metadata": {},
           "outputs": [
            {
             "name": "stdout",
             "output_type": "stream",
             "text": [""")
    f.p("password-notebook-output-pgpass", h(), """
              "pg-primary.internal:5432:*:audit:@V@\\n\"""")
    f.t("""
             ]
            }
           ],
           "source": [
            "!cat ~/.pgpass"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 3,
           "id": "a3",
           "metadata": {},
           "outputs": [],
           "source": [""")
    f.n("prompt-notebook-getpass", "getpass.getpass('LDAP password')", """
            "pw = @V@\"""")
    f.t("""
           ]
          }
         ],
         "metadata": {"kernelspec": {"display_name": "Python 3", "name": "python3"}},
         "nbformat": 4,
         "nbformat_minor": 5
        }""")
    del nb

    f = c.file("api/hoppscotch/ops-collection.json")
    f.t("""
        {
          "v": 2,
          "name": "ops",
          "folders": [],
          "requests": [
            {
              "name": "list incidents",
              "method": "GET",
              "endpoint": "https://api.pagerduty.com/incidents",""")
    f.p("token-pagerduty-hoppscotch-header", c.s(AN + "_+-", 20), """
              "headers": [{"key": "Authorization", "value": "Token token=@V@", "active": true}],""")
    f.t("""
              "auth": {"authType": "none", "authActive": true}
            },
            {
              "name": "status page",
              "method": "POST",
              "endpoint": "<<status_base>>/v1/pages",""")
    f.n("reference-hoppscotch-variable", "<<statuspage_token>>", """
              "auth": {"authType": "bearer", "authActive": true, "token": "@V@"}""")
    f.t("""
            }
          ]
        }""")

    f = c.file("api/har/grafana-session.har")
    f.t("""
        {
          "log": {
            "version": "1.2",
            "creator": {"name": "Firefox", "version": "123.0"},
            "entries": [
              {
                "request": {
                  "method": "GET",
                  "url": "https://grafana.example.org/api/dashboards/uid/ops-overview",
                  "headers": [""")
    f.p("token-grafana-sa-har-header", "glsa_" + c.s(AN, 32) + "_" + c.hex(8), """
                    {"name": "Authorization", "value": "Bearer @V@"},""")
    f.n("id-har-request-id", c.hex(16), """
                    {"name": "X-Grafana-Request-Id", "value": "@V@"},""")
    f.t("""
                    {"name": "Accept", "value": "application/json"}
                  ]
                },
                "response": {"status": 200, "content": {"mimeType": "application/json", "size": 18211}}
              }
            ]
          }
        }""")

    f = c.file(".idea/workspace.xml")
    f.t("""
        <?xml version="1.0" encoding="UTF-8"?>
        <project version="4">
          <component name="RunManager">
            <configuration name="OrdersApplication" type="SpringBootApplicationConfigurationType">
              <module name="orders" />
              <envs>
                <env name="SPRING_PROFILES_ACTIVE" value="local" />""")
    f.p("password-intellij-workspace-env", h(), """
                <env name="SPRING_DATASOURCE_PASSWORD" value="@V@" />""")
    f.n("reference-intellij-macro", "$PROJECT_DIR$/.secrets/local.env", """
                <env name="ENV_FILE" value="@V@" />""")
    f.t("""
              </envs>
            </configuration>
          </component>
        </project>""")

    f = c.file(".run/Deploy prod.run.xml")
    f.t("""
        <component name="ProjectRunConfigurationManager">
          <configuration default="false" name="Deploy prod" type="ShConfigurationType">
            <option name="SCRIPT_PATH" value="$PROJECT_DIR$/scripts/deploy.sh" />
            <envs>""")
    f.p("token-hetzner-run-configuration-env", c.s(AN, 64), """
              <env name="HCLOUD_TOKEN" value="@V@" />""")
    f.t("""
            </envs>
          </configuration>
        </component>""")

    f = c.file("eclipse/Mailer.launch")
    f.t("""
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <launchConfiguration type="org.eclipse.jdt.launching.localJavaApplication">
          <mapAttribute key="org.eclipse.debug.core.environmentVariables">""")
    f.p("password-eclipse-launch-env", h(), """
            <mapEntry key="SMTP_PASSWORD" value="@V@"/>""")
    f.t("""
            <mapEntry key="SMTP_HOST" value="smtp.example.org"/>
          </mapAttribute>
          <stringAttribute key="org.eclipse.jdt.launching.MAIN_TYPE" value="org.example.mailer.Main"/>
        </launchConfiguration>""")

    f = c.file(".devcontainer/devcontainer.json")
    f.t("""
        {
          "name": "platform",
          "image": "mcr.microsoft.com/devcontainers/base:ubuntu",
          "containerEnv": {""")
    f.n("reference-devcontainer-localenv", "${localEnv:GITHUB_TOKEN}", """
            "GITHUB_TOKEN": "@V@",""")
    f.t("""
            "TZ": "Europe/Berlin"
          },
          "remoteEnv": {""")
    f.p("token-pulumi-devcontainer-remote-env", "pul-" + c.hex(40), """
            "PULUMI_ACCESS_TOKEN": "@V@\"""")
    f.t("""
          }
        }""")

    f = c.file(".vscode/tasks.json")
    f.t("""
        {
          "version": "2.0.0",
          "inputs": [""")
    f.n("setting-vscode-input-password-flag", '"password": true', """
            {"id": "tfToken", "type": "promptString", @V@, "description": "Terraform Cloud token"}""")
    f.t("""
          ],
          "tasks": [
            {
              "label": "plan prod",
              "type": "shell",
              "command": "terraform",""")
    f.n("reference-vscode-input", "${input:tfToken}", """
              "options": {"env": {"TF_TOKEN_app_terraform_io": "@V@"}},""")
    f.p("password-vscode-task-args", h(), """
              "args": ["plan", "-var", "db_password=@V@"]""")
    f.t("""
            }
          ]
        }""")


# =============================================================================
# System services: systemd, cron, web servers and proxies
# =============================================================================
def services(c):
    h = c.human
    f = c.file("etc/systemd/system/orders.service")
    f.t("""
        [Unit]
        Description=orders api
        After=network-online.target

        [Service]
        User=orders""")
    f.p("token-systemd-environment", "sntryu_" + c.hex(64), """
        Environment="SENTRY_AUTH_TOKEN=@V@\"""")
    f.n("reference-systemd-environment-file", "/etc/orders/orders.env", """
        EnvironmentFile=@V@""")
    f.n("reference-systemd-load-credential", "db-password:/etc/credstore/orders-db", """
        LoadCredential=@V@""")
    f.p("password-systemd-set-credential", safe_pw(c), """
        SetCredential=smtp-password:@V@""")
    f.n("ciphertext-systemd-credential-encrypted", "k6iUCUh0RJCQyvL8k8q1UyAAAAABAAAADAAAABAAAAC" + c.s(B64, 120), """
        SetCredentialEncrypted=api-key: \\
                @V@""")
    f.t("""
        ExecStart=/opt/orders/bin/orders serve
        Restart=on-failure

        [Install]
        WantedBy=multi-user.target""")

    f = c.file("etc/systemd/network/50-wg0.netdev")
    f.t("""
        [NetDev]
        Name=wg0
        Kind=wireguard

        [WireGuard]
        ListenPort=51820""")
    f.p("private-key-wireguard-systemd-netdev", c.b64bytes(32), """
        PrivateKey=@V@""")
    f.t("""

        [WireGuardPeer]""")
    f.n("public-wireguard-peer-key", c.b64bytes(32), """
        PublicKey=@V@""")
    f.n("reference-wireguard-preshared-key-file", "/etc/systemd/network/wg0-peer1.psk", """
        PresharedKeyFile=@V@""")
    f.t("""
        AllowedIPs=10.99.0.2/32""")

    f = c.file("etc/cron.d/db-backup")
    f.t("""
        SHELL=/bin/bash
        PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin
        MAILTO=ops@example.org""")
    f.p("password-crontab-pgpassword", safe_pw(c), """
        PGPASSWORD=@V@""")
    f.t("""
        15 2 * * * postgres pg_dumpall -h pg01 -U backup | gzip > /var/backups/pg-$(date +\\%F).sql.gz""")
    f.p("secret-aws-crontab-cli-arg", c.aws_secret(), """
        45 2 * * * root /usr/local/bin/s3-push --access-key """ + c.akia() + """ --secret-key @V@ /var/backups""")

    f = c.file("etc/nginx/conf.d/api.conf")
    f.t("""
        server {
            listen 443 ssl http2;
            server_name api.example.org;
            ssl_certificate     /etc/ssl/certs/api.example.org.crt;""")
    f.n("reference-nginx-key-path", "/etc/ssl/private/api.example.org.key", """
            ssl_certificate_key @V@;""")
    f.n("reference-nginx-ssl-password-file", "/etc/nginx/ssl_passwords.txt", """
            ssl_password_file   @V@;""")
    f.t("""

            location /admin/ {""")
    f.n("reference-nginx-htpasswd-file", "/etc/nginx/.htpasswd", """
                auth_basic "admin";
                auth_basic_user_file @V@;""")
    f.t("""
                proxy_pass http://127.0.0.1:8080;
            }

            location /geo/ {""")
    f.p("key-nginx-proxy-set-header", c.hex(32), """
                proxy_set_header X-Api-Key "@V@";""")
    f.t("""
                proxy_pass https://geo.partner.example.net/;
            }

            location /downloads/ {
                secure_link $arg_md5,$arg_expires;""")
    f.p("secret-nginx-secure-link-md5", c.strong(24), """
                secure_link_md5 "$secure_link_expires$uri$remote_addr @V@";""")
    f.t("""
                if ($secure_link = "") { return 403; }
            }
        }""")

    f = c.file("etc/nginx/.htpasswd")
    f.n("hash-htpasswd-apr1", "$apr1$" + c.s(AN + "./", 8) + "$" + c.s(AN + "./", 22), """
        admin:@V@""")
    f.n("hash-htpasswd-bcrypt", c.bcrypt(), """
        ops:@V@""")

    f = c.file("etc/nginx/dhparam.pem")
    f.pem("negative", "public-dh-parameters", c.keys.dhparam())

    f = c.file("etc/ssl/private/api.example.org.key")
    f.pem("positive", "private-key-tls-server-key", c.keys.pkcs8("ec"))
    f = c.file("etc/ssl/certs/api.example.org.crt")
    f.pem("negative", "public-tls-certificate", c.keys.cert("api.example.org"))

    f = c.file("etc/apache2/sites-available/intranet.conf")
    f.t("""
        <VirtualHost *:443>
            ServerName intranet.example.org
            SSLEngine on
            SSLCertificateFile /etc/ssl/certs/intranet.crt""")
    f.n("reference-apache-key-path", "/etc/ssl/private/intranet.key", """
            SSLCertificateKeyFile @V@""")
    f.t("""
            <Location />
                AuthType Basic
                AuthName "Intranet"
                AuthBasicProvider ldap
                AuthLDAPURL "ldaps://ldap.example.org/ou=people,dc=example,dc=org?uid"
                AuthLDAPBindDN "cn=apache,ou=services,dc=example,dc=org\"""")
    f.p("password-apache-ldap-bind", h(), """
                AuthLDAPBindPassword "@V@\"""")
    f.t("""
                Require valid-user
            </Location>
            <Location /wiki-api/>""")
    f.p("token-apache-request-header-bearer", c.s(AN, 40), """
                RequestHeader set Authorization "Bearer @V@\"""")
    f.t("""
                ProxyPass http://10.0.5.20:8090/rest/api/
            </Location>
        </VirtualHost>""")

    f = c.file("etc/apache2/sites-available/legacy.conf")
    f.t("""
        <Location />
            AuthBasicProvider ldap
            AuthLDAPBindDN "cn=apache,ou=services,dc=example,dc=org\"""")
    f.n("reference-apache-ldap-bind-exec", "exec:/usr/local/bin/ldap-bind-secret", """
            AuthLDAPBindPassword "@V@\"""")
    f.n("reference-apache-passphrase-dialog", "SSLPassPhraseDialog exec:/usr/share/apache2/ask-for-passphrase", """
            @V@""")
    f.t("""
        </Location>""")

    f = c.file("etc/haproxy/haproxy.cfg")
    f.t("""
        global
            log /dev/log local0
            maxconn 4096

        userlist admins""")
    f.p("password-haproxy-userlist-insecure", h(), """
            user admin insecure-password @V@""")
    f.n("hash-haproxy-userlist-sha512crypt", c.sha512crypt(), """
            user ops password @V@""")
    f.t("""

        listen stats
            bind :8404
            stats enable
            stats uri /stats""")
    f.p("password-haproxy-stats-auth", safe_pw(c), """
            stats auth admin:@V@""")
    f.t("""

        backend partner_api
            server p1 partner.example.net:443 ssl verify required ca-file /etc/ssl/certs/ca-certificates.crt""")
    f.p("token-haproxy-set-header", c.s(AN, 48), """
            http-request set-header X-Partner-Token @V@""")

    f = c.file("etc/traefik/dynamic/middlewares.yml")
    f.t("""
        http:
          middlewares:
            dashboard-auth:
              basicAuth:
                users:""")
    f.n("hash-traefik-basic-auth-apr1", "$apr1$" + c.s(AN + "./", 8) + "$" + c.s(AN + "./", 22), """
                  - "admin:@V@\"""")
    f.n("reference-traefik-users-file", "/etc/traefik/users.htpasswd", """
            api-auth:
              basicAuth:
                usersFile: @V@""")

    f = c.file("Caddyfile")
    f.t("""
        {
            email ops@example.org
        }

        grafana.example.org {""")
    f.p("token-cloudflare-caddyfile-dns", c.s(AN + "_-", 40), """
            tls {
                dns cloudflare @V@
            }""")
    f.n("hash-caddy-basicauth-bcrypt", "$2a$14$" + c.s(AN + "./", 53), """
            basicauth /admin/* {
                ops @V@
            }""")
    f.n("reference-caddy-env-placeholder", "{env.CF_API_TOKEN}", """
            # staging uses the env placeholder instead
            # dns cloudflare @V@""")
    f.t("""
            reverse_proxy localhost:3000
        }""")

    f = c.file("etc/envoy/envoy.yaml")
    f.t("""
        static_resources:
          listeners:
            - name: ingress
              address:
                socket_address: {address: 0.0.0.0, port_value: 10000}
              filter_chains:
                - filters:
                    - name: envoy.filters.network.http_connection_manager
                      typed_config:
                        "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                        stat_prefix: ingress
                        route_config:
                          request_headers_to_add:
                            - header:
                                key: x-upstream-key""")
    f.p("key-envoy-request-header", c.s(AN, 40), """
                                value: "@V@\"""")
    f.t("""
                        http_filters:
                          - name: envoy.filters.http.router""")

    f = c.file("etc/tomcat/tomcat-users.xml")
    f.t("""
        <?xml version="1.0" encoding="UTF-8"?>
        <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
          <role rolename="manager-script"/>""")
    f.p("password-tomcat-users", h(), """
          <user username="deployer" password="@V@" roles="manager-script"/>""")
    f.n("placeholder-tomcat-must-be-changed", "<must-be-changed>", """
          <!-- <user username="admin" password="@V@" roles="manager-gui"/> -->""")
    f.t("""
        </tomcat-users>""")

    f = c.file("etc/tomcat/server.xml")
    f.t("""
        <Server port="8005" shutdown="SHUTDOWN">
          <Service name="Catalina">
            <Connector port="8443" protocol="org.apache.coyote.http11.Http11NioProtocol" SSLEnabled="true">
              <SSLHostConfig>""")
    f.p("password-tomcat-keystore", h(), """
                <Certificate certificateKeystoreFile="conf/keystore.p12" certificateKeystorePassword="@V@" type="RSA"/>""")
    f.t("""
              </SSLHostConfig>
            </Connector>
            <Connector port="8444" protocol="org.apache.coyote.http11.Http11NioProtocol" SSLEnabled="true">
              <SSLHostConfig>""")
    f.n("default-java-truststore-changeit", "changeit", """
                <Certificate certificateKeystoreFile="conf/internal.jks" certificateKeystorePassword="@V@" type="RSA"/>""")
    f.t("""
              </SSLHostConfig>
            </Connector>
          </Service>
        </Server>""")

    f = c.file("etc/rsyncd.secrets")
    f.p("password-rsyncd-secrets", safe_pw(c), """
        backup:@V@""")

    f = c.file("etc/rsyncd.conf")
    f.t("""
        uid = nobody
        gid = nogroup

        [backup]
            path = /srv/backup
            auth users = backup""")
    f.n("reference-rsyncd-secrets-file", "/etc/rsyncd.secrets", """
            secrets file = @V@""")


# =============================================================================
# VPN and Wi-Fi
# =============================================================================
def vpn(c):
    h = c.human
    f = c.file("etc/openvpn/client/corp.ovpn")
    f.t("""
        client
        dev tun
        proto udp
        remote vpn.example.org 1194
        nobind
        persist-key
        persist-tun
        remote-cert-tls server""")
    f.n("reference-openvpn-auth-user-pass-file", "/etc/openvpn/client/corp.auth", """
        auth-user-pass @V@""")
    f.t("""
        <ca>""")
    f.pem("negative", "public-openvpn-inline-ca", c.keys.cert("Example VPN CA"))
    f.t("""
        </ca>
        <tls-crypt-v2>""")
    body = c.b64bytes(600)
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    f.pem("positive", "key-openvpn-tls-crypt-v2-client",
          "-----BEGIN OpenVPN tls-crypt-v2 client key-----\n" + "\n".join(lines) + "\n-----END OpenVPN tls-crypt-v2 client key-----")
    f.t("""
        </tls-crypt-v2>""")

    f = c.file("etc/openvpn/client/corp.auth")
    f.p("password-openvpn-auth-user-pass", h(), """
        j.doe
        @V@""")

    f = c.file("etc/NetworkManager/system-connections/Office.nmconnection")
    f.t("""
        [connection]
        id=Office""")
    f.n("id-networkmanager-connection-uuid", c.uuid(), """
        uuid=@V@""")
    f.t("""
        type=wifi

        [wifi]
        mode=infrastructure
        ssid=Example-Office

        [wifi-security]
        key-mgmt=wpa-psk""")
    f.p("password-networkmanager-wifi-psk", h(), """
        psk=@V@""")
    f.t("""

        [ipv4]
        method=auto""")

    f = c.file("etc/NetworkManager/system-connections/eduroam.nmconnection")
    f.t("""
        [connection]
        id=eduroam
        type=wifi

        [wifi]
        ssid=eduroam

        [wifi-security]
        key-mgmt=wpa-eap

        [802-1x]
        eap=peap;
        identity=jdoe@example.edu
        phase2-auth=mschapv2""")
    f.p("password-networkmanager-8021x", h(), """
        password=@V@""")

    f = c.file("etc/NetworkManager/system-connections/Guest.nmconnection")
    f.t("""
        [connection]
        id=Guest
        type=wifi

        [wifi]
        ssid=Example-Guest

        [wifi-security]
        key-mgmt=wpa-psk""")
    f.n("setting-networkmanager-psk-flags-agent", "psk-flags=1", """
        @V@""")

    f = c.file("etc/NetworkManager/system-connections/wg-office.nmconnection")
    f.t("""
        [connection]
        id=wg-office
        type=wireguard
        interface-name=wg-office

        [wireguard]""")
    f.p("private-key-wireguard-networkmanager", c.b64bytes(32), """
        private-key=@V@""")
    f.t("")
    f.n("public-wireguard-peer-key-networkmanager", c.b64bytes(32), """
        [wireguard-peer.@V@]""")
    f.t("""
        endpoint=vpn.example.org:51820
        allowed-ips=10.99.0.0/24;""")

    f = c.file("etc/hostapd/hostapd.conf")
    f.t("""
        interface=wlan0
        driver=nl80211
        ssid=Example-Lab
        hw_mode=g
        channel=6
        wpa=2
        wpa_key_mgmt=WPA-PSK SAE""")
    f.p("password-hostapd-wpa-passphrase", h(), """
        wpa_passphrase=@V@""")
    f.p("password-hostapd-sae", h(), """
        sae_password=@V@""")
    f.n("reference-hostapd-psk-file", "/etc/hostapd/hostapd.wpa_psk", """
        wpa_psk_file=@V@""")

    f = c.file("etc/netplan/50-wifi.yaml")
    f.t("""
        network:
          version: 2
          wifis:
            wlp2s0:
              dhcp4: true
              access-points:
                "Example-Office":""")
    f.p("password-netplan-wifi", h(), """
                  password: "@V@\"""")

    f = c.file("etc/network/interfaces")
    f.t("""
        auto lo
        iface lo inet loopback

        allow-hotplug wlan0
        iface wlan0 inet dhcp
            wpa-ssid Example-Warehouse""")
    f.p("key-wifi-raw-psk-interfaces", c.hex(64), """
            wpa-psk @V@""")

    f = c.file("etc/ppp/chap-secrets")
    f.t("""
        # Secrets for authentication using CHAP
        # client	server	secret			IP addresses""")
    f.p("password-ppp-chap-secrets", safe_pw(c), """
        "dsl-4411023@isp.example"	*	"@V@"	*""")

    f = c.file("etc/swanctl/swanctl.conf")
    f.t("""
        connections {
          office {
            remote_addrs = vpn.partner.example.net
            local { auth = psk }
            remote { auth = psk }
            children { net { remote_ts = 10.50.0.0/16 } }
          }
        }
        secrets {
          ike-office {
            id = vpn.partner.example.net""")
    f.p("password-strongswan-swanctl-psk", c.strong(40), """
            secret = "@V@\"""")
    f.t("""
          }
          eap-jdoe {
            id = jdoe""")
    f.p("password-strongswan-swanctl-eap", h(), """
            secret = "@V@\"""")
    f.t("""
          }
        }""")

    f = c.file("wlan/Example-Office.xml")
    f.t("""
        <?xml version="1.0"?>
        <WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1">
          <name>Example-Office</name>
          <MSM>
            <security>
              <authEncryption><authentication>WPA2PSK</authentication><encryption>AES</encryption></authEncryption>
              <sharedKey>
                <keyType>passPhrase</keyType>
                <protected>false</protected>""")
    f.p("password-windows-wlan-profile-plain", h(), """
                <keyMaterial>@V@</keyMaterial>""")
    f.t("""
              </sharedKey>
            </security>
          </MSM>
        </WLANProfile>""")

    f = c.file("wlan/Example-Guest.xml")
    f.t("""
        <?xml version="1.0"?>
        <WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1">
          <name>Example-Guest</name>
          <MSM>
            <security>
              <sharedKey>
                <keyType>passPhrase</keyType>
                <protected>true</protected>""")
    f.n("ciphertext-windows-wlan-dpapi", "01000000D08C9DDF0115D1118C7A00C04FC297EB01000000" + c.s("0123456789ABCDEF", 300), """
                <keyMaterial>@V@</keyMaterial>""")
    f.t("""
              </sharedKey>
            </security>
          </MSM>
        </WLANProfile>""")

    f = c.file("cloud-init/edge-node.yaml")
    f.t("""
        #cloud-config
        hostname: edge-01
        users:
          - name: ops
            groups: [sudo]""")
    f.n("hash-cloud-init-passwd", c.sha512crypt(), """
            passwd: "@V@\"""")
    f.n("public-cloud-init-ssh-authorized-key", "AAAAC3NzaC1lZDI1NTE5AAAAI" + c.s(B64, 43), """
            ssh_authorized_keys:
              - ssh-ed25519 @V@ ops@laptop""")
    f.t("""
        chpasswd:
          expire: false
          list: |""")
    f.p("password-cloud-init-chpasswd", safe_pw(c), """
            root:@V@""")
    f.t("""
        runcmd:""")
    f.p("token-k3s-cloud-init-install", "K10" + c.hex(64) + "::server:" + c.hex(32), """
          - curl -sfL https://get.k3s.io | K3S_URL=https://10.20.0.10:6443 K3S_TOKEN=@V@ sh -""")

    f = c.file("provisioning/preseed.cfg")
    f.t("""
        d-i debian-installer/locale string en_US.UTF-8
        d-i netcfg/get_hostname string build-agent""")
    f.p("password-preseed-root", safe_pw(c), """
        d-i passwd/root-password password @V@
        d-i passwd/root-password-again password @V@""")
    f.n("hash-preseed-user-password-crypted", c.sha512crypt(), """
        d-i passwd/user-password-crypted password @V@""")
    f.t("""
        d-i pkgsel/include string openssh-server""")

    f = c.file("provisioning/ks.cfg")
    f.t("""
        lang en_US.UTF-8
        keyboard us
        timezone Europe/Berlin --utc""")
    f.p("password-kickstart-rootpw-plaintext", h(), """
        rootpw --plaintext @V@""")
    f.n("hash-kickstart-user-iscrypted", c.sha512crypt(), """
        user --name=ops --groups=wheel --iscrypted --password=@V@""")
    f.n("hash-kickstart-grub-pbkdf2", "grub.pbkdf2.sha512.10000." + c.s("0123456789ABCDEF", 128) + "." + c.s("0123456789ABCDEF", 128), """
        bootloader --location=mbr --iscrypted --password=@V@""")
    f.t("""
        %packages
        @core
        %end""")

    f = c.file("provisioning/fcos/config.ign")
    f.t("""
        {
          "ignition": {"version": "3.4.0"},
          "passwd": {
            "users": [
              {
                "name": "core",""")
    f.n("hash-ignition-password-hash", c.sha512crypt(), """
                "passwordHash": "@V@",""")
    f.n("public-ignition-ssh-key", "AAAAC3NzaC1lZDI1NTE5AAAAI" + c.s(B64, 43), """
                "sshAuthorizedKeys": ["ssh-ed25519 @V@ core@fcos"]""")
    f.t("""
              }
            ]
          }
        }""")


# =============================================================================
# LDAP, SMB, mail and monitoring
# =============================================================================
def directory_mail(c):
    h = c.human
    f = c.file("etc/openldap/slapd.conf")
    f.t("""
        include /etc/openldap/schema/core.schema
        database mdb
        suffix "dc=example,dc=org"
        rootdn "cn=Manager,dc=example,dc=org\"""")
    f.n("hash-slapd-rootpw-ssha", c.ssha(), """
        rootpw @V@""")
    f.t("""
        directory /var/lib/ldap""")
    f.p("password-slapd-syncrepl-credentials", h(), """
        syncrepl rid=001
          provider=ldaps://ldap1.example.org
          bindmethod=simple
          binddn="cn=replicator,dc=example,dc=org"
          credentials="@V@"
          searchbase="dc=example,dc=org"
          type=refreshAndPersist""")

    f = c.file("ldap/bootstrap.ldif")
    f.t("""
        dn: olcDatabase={1}mdb,cn=config
        changetype: modify
        replace: olcRootPW""")
    f.n("hash-ldif-olcrootpw-ssha", c.ssha(), """
        olcRootPW: @V@""")
    f.t("""

        dn: uid=svc-jenkins,ou=services,dc=example,dc=org
        objectClass: account
        objectClass: simpleSecurityObject
        uid: svc-jenkins""")
    f.p("password-ldif-userpassword-base64-plain", c.b64(h()), """
        userPassword:: @V@""")
    f.t("""

        dn: uid=svc-grafana,ou=services,dc=example,dc=org
        objectClass: account
        objectClass: simpleSecurityObject
        uid: svc-grafana""")
    f.n("hash-ldif-userpassword-base64-ssha", c.b64(c.ssha()), """
        userPassword:: @V@""")

    f = c.file("etc/samba/credentials/backup.cred")
    f.p("password-smb-credentials-file", safe_pw(c), """
        username=svc-backup
        password=@V@
        domain=EXAMPLE""")

    f = c.file("etc/fstab")
    f.n("public-filesystem-uuid", c.uuid(), """
        UUID=@V@ /               ext4    errors=remount-ro 0       1""")
    f.p("password-fstab-cifs-inline", safe_pw(c), """
        //nas.example.org/media /mnt/media cifs username=media,password=@V@,uid=1000,iocharset=utf8 0 0""")
    f.n("reference-fstab-cifs-credentials-file", "credentials=/etc/samba/credentials/backup.cred", """
        //nas.example.org/backup /mnt/backup cifs @V@,uid=0,vers=3.0 0 0""")

    f = c.file("etc/dovecot/dovecot-sql.conf.ext")
    f.t("""
        driver = mysql""")
    f.p("password-dovecot-sql-connect", safe_pw(c), """
        connect = host=127.0.0.1 dbname=mailserver user=dovecot password=@V@""")
    f.t("""
        default_pass_scheme = SHA512-CRYPT""")
    f.n("setting-dovecot-password-query", "SELECT email as user, password FROM virtual_users WHERE email='%u';", """
        password_query = @V@""")

    f = c.file("etc/dovecot/users")
    f.n("hash-dovecot-passwd-file", "{SHA512-CRYPT}" + c.sha512crypt(), """
        alice@example.org:@V@::::::""")
    f.p("password-dovecot-passwd-file-plain", safe_pw(c), """
        noreply@example.org:{PLAIN}@V@::::::""")

    f = c.file("etc/postfix/mysql-virtual-mailbox-maps.cf")
    f.t("""
        user = postfix""")
    f.p("password-postfix-mysql-map", h(), """
        password = @V@""")
    f.t("""
        hosts = 127.0.0.1
        dbname = mailserver
        query = SELECT 1 FROM virtual_users WHERE email='%s'""")

    f = c.file("etc/roundcube/config.inc.php")
    f.t("""
        <?php
        $config = [];""")
    f.p("password-roundcube-db-dsn", safe_pw(c), """
        $config['db_dsnw'] = 'mysql://roundcube:@V@@localhost/roundcubemail';""")
    f.t("""
        $config['imap_host'] = 'ssl://mail.example.org:993';
        $config['smtp_host'] = 'tls://mail.example.org:587';
        $config['smtp_user'] = '%u';""")
    f.n("placeholder-roundcube-smtp-pass-macro", "%p", """
        $config['smtp_pass'] = '@V@';""")
    f.p("key-roundcube-des-key", c.s(AN, 24), """
        $config['des_key'] = '@V@';""")

    f = c.file("etc/opendkim/keys/example.org/mail.private")
    f.pem("positive", "private-key-dkim-opendkim", c.keys.rsa_pkcs1(1024))

    f = c.file("etc/opendkim/keys/example.org/mail.txt")
    f.n("public-dkim-dns-record", "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ" + c.s(B64, 178) + "QIDAQAB", """
        mail._domainkey	IN	TXT	( "v=DKIM1; h=sha256; k=rsa; "
        	  "p=@V@" )  ; ----- DKIM key mail for example.org""")

    f = c.file("etc/rspamd/local.d/worker-controller.inc")
    f.n("hash-rspamd-controller-password", "$2$" + c.s(B32L, 32) + "$" + c.s(B32L, 52), """
        password = "@V@";""")
    f.t("""
        secure_ip = "127.0.0.1";""")

    f = c.file("etc/snmp/snmpd.conf")
    f.t("""
        agentAddress udp:161
        sysLocation  rack-b12
        sysContact   ops@example.org""")
    f.n("default-snmp-community-public", "public", """
        rocommunity @V@ 127.0.0.1""")
    auth, priv = c.strong(16), c.strong(16)
    f.p("password-snmpv3-create-user", auth, """
        createUser monitor SHA "@V@" AES \"""" + priv + """\"""")
    f.t("""
        rouser monitor priv""")

    f = c.file("etc/freeradius/3.0/clients.conf")
    f.n("default-freeradius-testing123", "testing123", """
        client localhost {
            ipaddr = 127.0.0.1
            secret = @V@
        }""")
    f.t("")
    f.p("secret-freeradius-client", c.strong(32), """
        client wifi-controllers {
            ipaddr = 10.30.0.0/24
            secret = @V@
            shortname = unifi
        }""")


def monitoring(c):
    h = c.human
    f = c.file("etc/prometheus/prometheus.yml")
    f.t("""
        global:
          scrape_interval: 30s
        scrape_configs:
          - job_name: federate-eu
            metrics_path: /federate
            basic_auth:
              username: federation""")
    f.p("password-prometheus-basic-auth", h(), """
              password: "@V@\"""")
    f.t("""
            static_configs:
              - targets: ["prom-eu.example.internal:9090"]
          - job_name: federate-us
            basic_auth:
              username: federation""")
    f.n("reference-prometheus-password-file", "/etc/prometheus/secrets/federation-us", """
              password_file: @V@""")
    f.t("""
          - job_name: cloud-exporter
            authorization:
              type: Bearer""")
    f.p("token-prometheus-authorization-credentials", c.s(AN, 48), """
              credentials: @V@""")
    f.t("""
          - job_name: blackbox
            authorization:""")
    f.n("reference-prometheus-credentials-file", "/etc/prometheus/secrets/blackbox-token", """
              credentials_file: @V@""")

    f = c.file("etc/alertmanager/alertmanager.yml")
    f.t("""
        global:
          smtp_smarthost: smtp.example.org:587
          smtp_from: alerts@example.org
          smtp_auth_username: alerts@example.org""")
    f.p("password-alertmanager-smtp-auth", h(), """
          smtp_auth_password: "@V@\"""")
    f.n("reference-alertmanager-slack-url-file", "/etc/alertmanager/secrets/slack-url", """
          slack_api_url_file: @V@""")
    f.t("""
        route:
          receiver: oncall
        receivers:
          - name: oncall
            pagerduty_configs:""")
    f.p("key-pagerduty-routing-alertmanager", c.hex(32), """
              - routing_key: @V@""")
    f.t("""
            opsgenie_configs:""")
    f.p("key-opsgenie-alertmanager", c.uuid(), """
              - api_key: @V@""")

    f = c.file("grafana/provisioning/datasources/datasources.yaml")
    f.t("""
        apiVersion: 1
        datasources:
          - name: Postgres
            type: postgres
            url: pg-reporting.internal:5432
            user: grafana_ro
            jsonData:
              database: reporting
              sslmode: require
            secureJsonData:""")
    f.p("password-grafana-datasource-secure-json", h(), """
              password: "@V@\"""")
    f.t("""
          - name: InfluxDB
            type: influxdb
            url: http://influxdb:8086
            jsonData:
              version: Flux
              organization: ops
            secureJsonData:""")
    f.n("reference-grafana-env-interpolation", "$__env{INFLUX_TOKEN}", """
              token: "@V@\"""")
    f.t("""
          - name: Loki
            type: loki
            url: https://logs.example.internal
            basicAuth: true
            basicAuthUser: grafana
            secureJsonData:""")
    f.n("reference-grafana-file-interpolation", "$__file{/run/secrets/loki_password}", """
              basicAuthPassword: "@V@\"""")

    f = c.file("etc/telegraf/telegraf.conf")
    f.t("""
        [agent]
          interval = "10s"

        [[outputs.influxdb_v2]]
          urls = ["https://influx.example.internal:8086"]""")
    f.p("token-influxdb-telegraf", c.b64bytes(64).rstrip("=")[:86] + "==", """
          token = "@V@\"""")
    f.t("""
          organization = "ops"
          bucket = "telegraf"

        [[outputs.influxdb_v2]]
          urls = ["https://influx-dr.example.internal:8086"]""")
    f.n("reference-telegraf-env", "${INFLUX_DR_TOKEN}", """
          token = "@V@\"""")

    f = c.file("etc/filebeat/filebeat.yml")
    f.t("""
        filebeat.inputs:
          - type: filestream
            id: app
            paths: ["/var/log/app/*.log"]""")
    f.n("public-elastic-cloud-id", "ops-prod:" + c.b64("europe-west3.gcp.cloud.es.io:443$" + c.hex(32) + "$" + c.hex(32)), """
        cloud.id: "@V@\"""")
    f.p("password-filebeat-cloud-auth", safe_pw(c), """
        cloud.auth: "elastic:@V@\"""")
    f.t("""
        output.elasticsearch:
          hosts: ["https://es.example.internal:9200"]""")
    f.p("key-elastic-api-key-filebeat", c.s(AN + "-_", 20) + ":" + c.s(AN + "-_", 22), """
          api_key: "@V@\"""")
    f.n("reference-filebeat-keystore", "${ES_PWD}", """
          password: "@V@\"""")

    f = c.file("etc/datadog-agent/datadog.yaml")
    f.p("key-datadog-agent-yaml", c.hex(32), """
        api_key: @V@""")
    f.n("reference-datadog-secret-backend-handle", "ENC[app_key_prod]", """
        app_key: "@V@\"""")
    f.t("""
        site: datadoghq.eu
        logs_enabled: true
        secret_backend_command: /usr/local/bin/dd-secret-helper""")

    f = c.file("etc/zabbix/zabbix_agentd.conf")
    f.t("""
        Server=zabbix.example.internal
        Hostname=web01
        TLSConnect=psk
        TLSAccept=psk
        TLSPSKIdentity=PSK web01""")
    f.n("reference-zabbix-psk-file", "/etc/zabbix/zabbix_agentd.psk", """
        TLSPSKFile=@V@""")

    f = c.file("etc/zabbix/zabbix_agentd.psk")
    f.p("key-zabbix-agent-psk", c.hex(64), """
        @V@""")

    f = c.file("etc/nagios/resource.cfg")
    f.t("""
        $USER1$=/usr/lib/nagios/plugins
        $USER2$=/usr/lib/nagios/plugins/eventhandlers""")
    f.p("password-nagios-resource-macro", h(), """
        $USER3$=@V@""")

    f = c.file("etc/fluent-bit/fluent-bit.conf")
    f.t("""
        [SERVICE]
            Flush        5
            Log_Level    info

        [OUTPUT]
            Name         http
            Match        app.*
            Host         logs.example.internal
            Port         443
            tls          On
            HTTP_User    fluent""")
    f.p("password-fluent-bit-http-passwd", h(), """
            HTTP_Passwd  @V@""")
    f.t("""

        [OUTPUT]
            Name         splunk
            Match        audit.*
            Host         splunk.example.internal
            Port         8088""")
    f.p("token-splunk-hec-fluent-bit", c.uuid().upper(), """
            Splunk_Token @V@""")

    f = c.file("etc/promtail/config.yml")
    f.t("""
        server:
          http_listen_port: 9080
        positions:
          filename: /tmp/positions.yaml
        clients:""")
    f.p("token-grafana-cloud-promtail-url", "glc_" + c.b64(json.dumps({"o": c.s(DG, 6), "n": "promtail", "k": c.s(AN, 24), "m": {"r": "prod-eu-west-0"}}, separators=(",", ":"))).rstrip("="), """
          - url: https://""" + c.s(DG, 6) + """:@V@@logs-prod-eu-west-0.grafana.net/loki/api/v1/push""")
    f.t("""
        scrape_configs:
          - job_name: system
            static_configs:
              - targets: [localhost]
                labels: {job: varlogs, __path__: /var/log/*log}""")


# =============================================================================
# Hard negatives: examples, templates, docs, checksums, ciphertext
# =============================================================================
def negatives(c):
    f = c.file("examples/docker-compose.example.yml")
    f.t("""
        # Copy to docker-compose.override.yml and fill in the values.
        services:
          db:
            environment:""")
    f.n("placeholder-compose-example-change-me", "change-me", """
              POSTGRES_PASSWORD: @V@""")
    f.n("placeholder-compose-example-angle", "<your-minio-secret>", """
              MINIO_ROOT_PASSWORD: "@V@\"""")
    f.n("placeholder-compose-example-env-default", "${DD_API_KEY:-}", """
              DD_API_KEY: "@V@\"""")

    f = c.file("examples/terraform.tfvars.example")
    f.n("placeholder-tfvars-example-token", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", """
        cloudflare_api_token = "@V@\"""")
    f.n("placeholder-tfvars-example-aws", "AKIAXXXXXXXXXXXXXXXX", """
        aws_access_key_id    = "@V@\"""")
    f.n("placeholder-tfvars-example-hcloud", "<hcloud token from console>", """
        hcloud_token         = "@V@\"""")

    f = c.file("examples/kubeconfig.example")
    f.t("""
        apiVersion: v1
        kind: Config
        users:
          - name: ci
            user:""")
    f.n("placeholder-kubeconfig-token", "REPLACE_WITH_SERVICE_ACCOUNT_TOKEN", """
              token: @V@""")
    f.n("placeholder-kubeconfig-client-key", "<base64-encoded-client-key>", """
              client-key-data: @V@""")

    f = c.file("examples/rclone.conf.sample")
    f.t("""
        [s3]
        type = s3
        provider = AWS""")
    f.n("placeholder-aws-doc-key-id", "AKIAIOSFODNN7EXAMPLE", """
        access_key_id = @V@""")
    f.n("placeholder-aws-doc-secret", "wJalrXUtnFPI/K7MDENG/bPxRfiCYEXAMPLEKEY", """
        secret_access_key = @V@""")

    f = c.file("examples/openvpn-client.ovpn.template")
    f.t("""
        client
        remote {{ vpn_host }} 1194""")
    f.n("template-jinja-ovpn-key", "{{ client_tls_crypt_key }}", """
        <tls-crypt-v2>
        @V@
        </tls-crypt-v2>""")

    f = c.file("examples/wpa_supplicant.conf.example")
    f.t("""
        ctrl_interface=DIR=/var/run/wpa_supplicant GROUP=netdev
        network={
            ssid="YourNetwork\"""")
    f.n("placeholder-wpa-psk-example", "your-wifi-password", """
            psk="@V@\"""")
    f.t("""
        }""")

    f = c.file("templates/nginx/api.conf.j2")
    f.t("""
        server {
            listen 443 ssl;""")
    f.n("template-jinja-nginx-header", "{{ geo_api_key }}", """
            proxy_set_header X-Api-Key "@V@";""")
    f.t("""
        }""")

    f = c.file("templates/systemd/app.service.j2")
    f.t("""
        [Service]""")
    f.n("template-jinja-systemd-env", "{{ app_sentry_token | quote }}", """
        Environment=SENTRY_AUTH_TOKEN=@V@""")

    f = c.file("helm/orders/templates/secret.yaml")
    f.t("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {{ include "orders.fullname" . }}
        type: Opaque
        data:""")
    f.n("template-helm-b64enc", '{{ .Values.postgresql.auth.postgresPassword | b64enc | quote }}', """
          db-password: @V@""")
    f.n("template-helm-randalphanum", '{{ randAlphaNum 32 | b64enc | quote }}', """
          session-secret: @V@""")

    f = c.file("helm/orders/values.yaml")
    f.t("""
        postgresql:
          auth:
            username: orders""")
    f.n("empty-helm-values-default", 'postgresPassword: ""', """
            @V@""")
    f.n("placeholder-helm-values-comment", "<set via --set or existingSecret>", """
            # password: @V@""")

    f = c.file(".sops.yaml")
    f.t("""
        creation_rules:
          - path_regex: secrets/prod/.*\\.yaml$""")
    f.n("public-age-recipient", "age1" + c.s("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58), """
            age: @V@""")
    f.n("public-kms-key-arn", "arn:aws:kms:eu-west-1:123456789012:key/" + c.uuid(), """
            kms: @V@""")
    f.n("public-pgp-fingerprint-sops", c.s("0123456789ABCDEF", 40), """
            pgp: @V@""")

    f = c.file("secrets/prod/orders.enc.yaml")
    f.n("ciphertext-sops-value", "ENC[AES256_GCM,data:" + c.s(B64, 44) + ",iv:" + c.b64bytes(32) + ",tag:" + c.b64bytes(16) + ",type:str]", """
        db_password: @V@""")
    f.n("ciphertext-sops-value-token", "ENC[AES256_GCM,data:" + c.s(B64, 64) + ",iv:" + c.b64bytes(32) + ",tag:" + c.b64bytes(16) + ",type:str]", """
        stripe_key: @V@""")
    f.t("""
        sops:
            lastmodified: "2024-03-01T10:00:00Z\"""")
    f.n("hash-sops-mac", "ENC[AES256_GCM,data:" + c.s(B64, 88) + ",iv:" + c.b64bytes(32) + ",tag:" + c.b64bytes(16) + ",type:str]", """
            mac: @V@""")
    f.n("ciphertext-sops-age-recipient-block", "-----BEGIN AGE ENCRYPTED FILE-----", """
            age:
                - recipient: age1""" + c.s("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58) + """
                  enc: |
                    @V@
                    """ + c.s(B64, 64) + """
                    -----END AGE ENCRYPTED FILE-----""")
    f.t("""
            version: 3.8.1""")

    f = c.file("releases/SHA256SUMS")
    for name in ["gate-linux-amd64.tar.gz", "gate-linux-arm64.tar.gz", "gate-darwin-arm64.tar.gz"]:
        v = c.sha256hex()
        f.n("checksum-release-sha256sums", v, "@V@  " + name)

    f = c.file("releases/gate-linux-amd64.tar.gz.sha512")
    f.n("checksum-release-sha512", c.hex(128), """
        @V@  gate-linux-amd64.tar.gz""")

    f = c.file("deploy/images.lock")
    f.t("""
        # pinned images, refreshed by renovate""")
    for img in ["postgres:16.2", "redis:7.2.4", "grafana/grafana:10.4.0"]:
        f.n("digest-image-lock", "sha256:" + c.sha256hex(), img + "@@V@")

    f = c.file("docs/runbooks/rotate-credentials.md")
    f.t("""
        # Rotating credentials

        1. Generate a new value and store it in Vault:""")
    f.n("reference-vault-kv-put-file", "password=@password.txt", """
           `vault kv put kv/prod/orders/db @V@`""")
    f.t("""
        2. Update the Kubernetes secret through External Secrets (no manual edit).
        3. A GitHub token looks like""")
    f.n("placeholder-doc-github-token", "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", """
           `@V@`; never paste a real one here.""")
    f.t("""
        4. The token that leaked in INC-2231 (revoked 2024-02-12) was""")
    f.p("token-gitlab-runbook-prose", c.glpat(), """
           @V@ — check the audit log for its use.""")
    f.n("placeholder-doc-masked-token", "glpat-****************", """
        5. GitLab shows the new token once; the list view shows `@V@` afterwards.""")

    f = c.file("docs/ci-secrets.md")
    f.t("""
        # CI secrets

        Secrets come from the CI system, never from the repository:
        """)
    f.n("reference-doc-gha-secret", "${{ secrets.NPM_TOKEN }}", """
        - GitHub Actions: `@V@`""")
    f.n("reference-doc-gitlab-variable", "$CI_DEPLOY_PASSWORD", """
        - GitLab CI: `@V@` (masked, protected)""")
    f.n("reference-doc-jenkins-credentials", "credentials('npm-token')", """
        - Jenkins: `@V@`""")
    f.n("reference-doc-azure-macro", "$(npmToken)", """
        - Azure Pipelines: `@V@`""")
    f.n("reference-doc-circleci-context", "context: org-npm", """
        - CircleCI: `@V@`""")

    f = c.file("docs/vpn-setup.md")
    f.t("""
        # VPN setup

        Import the profile, then check the server key:""")
    f.n("public-wireguard-server-key-doc", c.b64bytes(32), """
        - server public key: `@V@`""")
    f.n("public-ssh-host-key-fingerprint", "SHA256:" + c.b64bytes(32).rstrip("="), """
        - bastion host key fingerprint: `@V@`""")
    f.n("placeholder-doc-wireguard-private", "<paste the output of wg genkey here>", """
        - your private key goes in `PrivateKey = @V@`""")

    f = c.file("tests/fixtures/ci/gitlab-ci-test.yml")
    f.t("""
        services:
          - name: mysql:8
            alias: db
        variables:""")
    f.n("dummy-test-ci-mysql-root", "root", """
          MYSQL_ROOT_PASSWORD: @V@""")
    f.n("dummy-test-ci-mysql-password", "test", """
          MYSQL_PASSWORD: @V@""")

    f = c.file("tests/fixtures/localstack.env")
    f.n("dummy-localstack-test-key", "test", """
        AWS_ACCESS_KEY_ID=@V@""")
    f.n("dummy-localstack-test-secret", "test", """
        AWS_SECRET_ACCESS_KEY=@V@""")
    f.t("""
        AWS_ENDPOINT_URL=http://localhost:4566""")

    f = c.file("k8s/base/deployment.yaml")
    f.t("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            metadata:
              annotations:""")
    f.n("hash-checksum-config-annotation", c.sha256hex(), """
                checksum/config: @V@""")
    f.t("""
            spec:
              imagePullSecrets:""")
    f.n("reference-k8s-image-pull-secret", "name: regcred", """
                - @V@""")
    f.t("""
              containers:
                - name: orders""")
    f.n("digest-k8s-image", "sha256:" + c.sha256hex(), """
                  image: registry.example.io/orders/api@@V@""")
    f.t("""
                  envFrom:
                    - configMapRef: {name: orders-config}""")
    f.n("reference-k8s-env-secret-ref", "secretRef: {name: orders-stripe}", """
                    - @V@""")
    f.n("reference-k8s-vault-agent-annotation", "vault.hashicorp.com/agent-inject-secret-db: kv/data/prod/orders/db", """
                  # injected by the vault agent: @V@""")

    f = c.file("ansible/inventories/prod/group_vars/all/vault.yml")
    body = "\n".join(c.hex(80) for _ in range(6))
    f.n("ciphertext-ansible-vault-file", "$ANSIBLE_VAULT;1.1;AES256", "@V@\n" + body)

    f = c.file("jenkins/credentials-export.xml")
    f.t("""
        <com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>
          <scope>GLOBAL</scope>
          <id>nexus</id>
          <username>ci-deployer</username>""")
    f.n("ciphertext-jenkins-credentials-xml", "{AQAAABAAAAAQ" + c.s(B64, 60) + "=}", """
          <password>@V@</password>""")
    f.t("""
        </com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>""")

    f = c.file("ops/ssh/ssh_known_hosts")
    for host in ["git.example.internal", "bastion.example.org"]:
        f.n("public-ssh-host-key-known-hosts", "AAAAC3NzaC1lZDI1NTE5AAAAI" + c.s(B64, 43), host + " ssh-ed25519 @V@")

    f = c.file("etc/ssh/ssh_host_ed25519_key.pub")
    f.n("public-ssh-host-key-pub", "AAAAC3NzaC1lZDI1NTE5AAAAI" + c.s(B64, 43), """
        ssh-ed25519 @V@ root@web01""")

    f = c.file("etc/ssh/ssh_host_ed25519_key")
    priv, _ = c.keys.openssh("root@web01")
    f.pem("positive", "private-key-ssh-host-key", priv)

    f = c.file("etc/ssh/sshd_config")
    f.t("""
        Port 22
        PermitRootLogin no
        PasswordAuthentication no""")
    f.n("reference-sshd-host-key-path", "/etc/ssh/ssh_host_ed25519_key", """
        HostKey @V@""")
    f.n("setting-sshd-authorized-keys-command", "AuthorizedKeysCommand /usr/bin/sss_ssh_authorizedkeys", """
        @V@""")

    f = c.file("docs/incident-2024-02-12.md")
    f.t("""
        # INC-2231: token in a build log

        Timeline (UTC):
        """)
    f.n("id-git-commit-sha-prose", c.gitsha(), """
        - 09:12 commit @V@ adds `set -x` to release.sh""")
    f.n("id-request-id-prose", "req_" + c.s(AN, 24), """
        - 09:40 support ticket references request @V@""")
    f.n("masked-prose-token-prefix", "ghs_1a2b…", """
        - 10:05 GitHub secret scanning alert for `@V@` (truncated by the alert)""")
    f.t("""
        - 10:20 token revoked, new one stored in the CI secret store""")

    f = c.file("etc/pam.d/common-password")
    f.n("setting-pam-password-policy", "password requisite pam_pwquality.so retry=3 minlen=14", """
        @V@""")
    f.t("""
        password [success=1 default=ignore] pam_unix.so obscure use_authtok try_first_pass yescrypt""")

    f = c.file("etc/shadow.example")
    f.n("hash-shadow-yescrypt", "$y$j9T$" + c.s(AN + "./", 22) + "$" + c.s(AN + "./", 43), """
        ops:@V@:19789:0:99999:7:::""")


# =============================================================================
# Cluster bootstrap output and live-object exports
# =============================================================================
def bootstrap(c):
    f = c.file("ops/vault/init-output.json")
    f.t("""
        {
          "unseal_keys_b64": [""")
    for i in range(3):
        f.p("key-vault-unseal-init-output", c.b64bytes(33), """
            "@V@",""" if i < 2 else """
            "@V@\"""")
    f.t("""
          ],
          "unseal_shares": 3,
          "unseal_threshold": 2,
          "recovery_keys_b64": [],""")
    f.p("token-vault-root-init-output", "hvs." + c.s(AN, 24), """
          "root_token": "@V@\"""")
    f.t("""
        }""")

    f = c.file("ops/consul/acl-bootstrap.txt")
    f.t("""
        $ consul acl bootstrap""")
    f.n("public-consul-accessor-id", c.uuid(), """
        AccessorID:       @V@""")
    f.p("token-consul-bootstrap-secret-id", c.uuid(), """
        SecretID:         @V@""")
    f.t("""
        Description:      Bootstrap Token (Global Management)
        Local:            false
        Create Time:      2024-03-05 10:41:12.183329 +0000 UTC
        Policies:
           00000000-0000-0000-0000-000000000001 - global-management""")

    f = c.file("ops/nomad/acl-bootstrap.txt")
    f.n("public-nomad-accessor-id", c.uuid(), """
        Accessor ID  = @V@""")
    f.p("token-nomad-bootstrap-secret-id", c.uuid(), """
        Secret ID    = @V@""")
    f.t("""
        Name         = Bootstrap Token
        Type         = management
        Global       = true""")

    f = c.file("scripts/swarm-join.sh")
    f.t("""
        #!/bin/sh
        # run on each new worker""")
    f.p("token-docker-swarm-join", "SWMTKN-1-" + c.s(LAN, 50) + "-" + c.s(LAN, 25), """
        docker swarm join --token @V@ 10.20.0.5:2377""")

    f = c.file("etc/machine-id")
    f.n("id-machine-id", c.hex(32), """
        @V@""")

    f = c.file("etc/etcd/etcd.conf.yml")
    f.t("""
        name: etcd-1
        data-dir: /var/lib/etcd
        initial-cluster: etcd-1=https://10.20.0.11:2380,etcd-2=https://10.20.0.12:2380,etcd-3=https://10.20.0.13:2380""")
    f.n("id-etcd-initial-cluster-token", "etcd-cluster-prod-7f3a", """
        initial-cluster-token: @V@""")
    f.t("""
        client-transport-security:
          cert-file: /etc/etcd/pki/server.crt""")
    f.n("reference-etcd-key-file", "/etc/etcd/pki/server.key", """
          key-file: @V@""")

    f = c.file("k8s/export/orders-live.yaml")
    f.t("""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: orders-5d9c7b8f6
          namespace: orders""")
    f.n("id-k8s-object-uid", c.uuid(), """
          uid: @V@""")
    f.n("id-k8s-resource-version", "18234411", """
          resourceVersion: "@V@\"""")
    f.t("""
          labels:
            app: orders""")
    f.n("id-k8s-pod-template-hash", "5d9c7b8f6", """
            pod-template-hash: @V@""")

    f = c.file("logs/ci/cache-restore-4822.log")
    f.n("hash-gha-cache-key", "node-deps-Linux-" + c.sha256hex(), """
        2024-03-07T10:05:01.0000000Z Cache restored from key: @V@""")
    f.n("id-gha-cache-size", "Cache Size: ~48 MB (50331648 B)", """
        2024-03-07T10:05:01.1000000Z @V@""")


# =============================================================================
# driver
# =============================================================================
SECTIONS = [ci, iac, containers, dotfiles, history, debris, services, vpn, directory_mail,
            monitoring, negatives, bootstrap]


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
