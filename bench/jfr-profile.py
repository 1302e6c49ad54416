#!/usr/bin/env python3
"""Where one kind of thread spends its CPU, from a JFR recording (execution samples).

  jfr-profile.py RECORDING.jfr THREAD_PREFIX [TOP=25]

Prints, for the sampled threads whose name starts with THREAD_PREFIX (e.g. "http-nio" for Tomcat's request
threads), the share of samples in each named stage of a request (a sample counts for the innermost stage on its
stack: the filters wrap the controller, so "security filters" is what they do themselves), then the methods most
often on top of the stack. Record with a deep stack, e.g.
APP_JAVA_OPTS="-XX:FlightRecorderOptions=stackdepth=320 -XX:StartFlightRecording=filename=x.jfr,settings=profile".
"""
import collections
import json
import os
import subprocess
import sys

STAGES = [  # the first frame from the top of the stack that matches a stage takes the sample
    ("JDBC (PostgreSQL driver)", "org/postgresql/"),
    ("Redis (Lettuce)", "io/lettuce/"),
    ("rate limit (Bucket4j, outside Lettuce)", "bucket4j"),
    ("feature flags", "FeatureFlags"),
    ("transaction begin/commit (Spring, Hikari)", "AbstractPlatformTransactionManager"),
    ("event publication (MessageReceived listeners)", "SimpleApplicationEventMulticaster.multicastEvent"),
    ("ConversationManagement.receive itself", "ConversationManagement.receive"),
    ("response JSON (Jackson write)", "ObjectWriter"),
    ("request body JSON (Jackson read)", "ObjectReader.readValue"),
    ("Spring MVC dispatch (handler lookup, arguments)", "DispatcherServlet.doDispatch"),
    ("API key authentication itself", "ApiKeyAuthentication$Filter.doFilterInternal"),
    ("observations around security filters", "ObservationFilterChainDecorator"),
    ("Spring Security filters themselves", "springframework/security/web/"),
    ("Micrometer observation of the request", "ServerHttpObservationFilter"),
    ("other servlet filters", "ApplicationFilterChain.doFilter"),
    ("Tomcat/HTTP outside the servlet", "Http11Processor.service"),
    ("Tomcat poller/acceptor", "NioEndpoint"),
]


def main(recording, prefix, top):
    jfr = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "jfr")
    raw = subprocess.run([jfr, "print", "--json", "--stack-depth", "400", "--events", "jdk.ExecutionSample", recording],
                         capture_output=True, check=True).stdout
    events = json.loads(raw)["recording"]["events"]
    inclusive, self_top, n = collections.Counter(), collections.Counter(), 0
    for e in events:
        thread = e["values"]["sampledThread"] or {}
        if not (thread.get("javaName") or "").startswith(prefix):
            continue
        n += 1
        frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in e["values"]["stackTrace"]["frames"]]
        label = next((label for f in frames for label, needle in STAGES if needle in f), "other")
        inclusive[label] += 1
        self_top[frames[0].split("/")[-1]] += 1
    print(f"{n} samples of threads named {prefix}*")
    for label in [label for label, _ in STAGES] + ["other"]:
        print(f"{100 * inclusive[label] / max(n, 1):5.1f} %  {label}")
    print("top of stack:")
    for method, count in self_top.most_common(top):
        print(f"{100 * count / max(n, 1):5.1f} %  {method}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 25)
