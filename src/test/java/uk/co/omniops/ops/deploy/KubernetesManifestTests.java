package uk.co.omniops.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders deploy/k8s (base and overlays) the way kustomize would for the features used there
 * (resources, namespace, labels, images, strategic-merge and JSON 6902 patches) - no kustomize
 * binary needed - and checks the result against the seed deployment guide.
 */
class KubernetesManifestTests {

    /** Every variable the application reads in prod (facts sheet), plus Spring's profile switch. */
    private static final Set<String> APP_ENV = Set.of(
            "DATABASE_URL",
            "DATABASE_APP_URL",
            "DATABASE_PLATFORM_URL",
            "REDIS_URL",
            "REDIS_PASSWORD",
            "OPENAI_API_KEY",
            "OPENAI_ORGANIZATION",
            "OPENAI_MODEL_SENTIMENT",
            "OPENAI_MODEL_SUGGESTIONS",
            "OPENAI_MODEL_PREDICTIONS",
            "FEATURE_SENTIMENT_ANALYSIS",
            "FEATURE_RESPONSE_SUGGESTIONS",
            "FEATURE_AUTO_CATEGORIZATION",
            "FEATURE_PREDICTIVE_ANALYTICS",
            "FEATURE_AUTO_ESCALATION",
            "FEATURE_CONVERSATION_INSIGHTS",
            "SENTIMENT_CONFIDENCE_THRESHOLD",
            "ESCALATION_SENTIMENT_THRESHOLD",
            "SUGGESTION_GENERATION_TIMEOUT",
            "BATCH_PROCESSING_INTERVAL",
            "INSIGHTS_EXTRACTION_SCHEDULE",
            "SLACK_WEBHOOK_URL",
            "SENDGRID_API_KEY",
            "ALERT_EMAIL",
            "PAGERDUTY_INTEGRATION_KEY",
            "DATADOG_API_KEY",
            "SENTRY_DSN",
            "LOG_LEVEL",
            "LAUNCHDARKLY_SDK_KEY",
            "APP_URL",
            "NEXT_PUBLIC_APP_URL",
            "PORT",
            "SPRING_PROFILES_ACTIVE",
            "REMEMBER_ME_KEY");

    private static final Set<String> REQUIRED = Set.of(
            "DATABASE_URL", "DATABASE_APP_URL", "DATABASE_PLATFORM_URL", "REDIS_URL", "APP_URL", "REMEMBER_ME_KEY");
    /** Secret env var -> key in Secret omniops-secrets. */
    private static final Map<String, String> SECRET_KEYS = Map.ofEntries(
            Map.entry("DATABASE_URL", "database-url"),
            Map.entry("DATABASE_APP_URL", "database-app-url"),
            Map.entry("DATABASE_PLATFORM_URL", "database-platform-url"),
            Map.entry("REDIS_URL", "redis-url"),
            Map.entry("REDIS_PASSWORD", "redis-password"),
            Map.entry("OPENAI_API_KEY", "openai-api-key"),
            Map.entry("SLACK_WEBHOOK_URL", "slack-webhook-url"),
            Map.entry("SENDGRID_API_KEY", "sendgrid-api-key"),
            Map.entry("PAGERDUTY_INTEGRATION_KEY", "pagerduty-integration-key"),
            Map.entry("DATADOG_API_KEY", "datadog-api-key"),
            Map.entry("SENTRY_DSN", "sentry-dsn"),
            Map.entry("LAUNCHDARKLY_SDK_KEY", "launchdarkly-sdk-key"),
            Map.entry("REMEMBER_ME_KEY", "remember-me-key"));

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();
    private static final Path K8S_DIR = DockerfileTests.repoFile("deploy/k8s");

    // --- production shape (seed deployment guide) ---------------------------------------

    @Test
    void productionDeploymentMatchesTheSeedGuide() throws IOException {
        Rendered prod = render("overlays/production");
        Deployment d = prod.one(Deployment.class, "omniops-phase4");

        assertThat(d.getMetadata().getNamespace()).isEqualTo("production");
        assertThat(d.getMetadata().getLabels()).containsEntry("app", "omniops").containsEntry("version", "phase4");
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app", "omniops")
                .containsEntry("version", "phase4");
        assertThat(d.getSpec().getReplicas()).isEqualTo(3);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal())
                .isEqualTo(1);
        assertThat(d.getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .isZero();

        Container c = app(d);
        assertThat(c.getPorts())
                .extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactlyInAnyOrder("http:3000", "management:9090");
        assertThat(c.getResources().getRequests())
                .containsEntry("cpu", new Quantity("250m"))
                .containsEntry("memory", new Quantity("512Mi"));
        assertThat(c.getResources().getLimits())
                .containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("1Gi"));
        assertProbe(c.getLivenessProbe(), "/api/health", 30, 10);
        assertProbe(c.getReadinessProbe(), "/api/ready", 5, 5);
    }

    @Test
    void podsDrainGracefullyAndRunAsNonRoot() throws IOException {
        Deployment d = render("overlays/production").one(Deployment.class, "omniops-phase4");
        var pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(45L);
        assertThat(app(d).getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "10");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L); // the Dockerfile's USER
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/staging", "overlays/production"})
    void everyRequiredVariableIsProvidedAndOnlyKnownVariablesAreSet(String dir) throws IOException {
        Rendered r = render(dir);
        Map<String, String> env = effectiveEnv(r, app(r.one(Deployment.class, "omniops-phase4")));
        assertThat(env.keySet()).containsAll(REQUIRED).isSubsetOf(APP_ENV);
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "prod").containsEntry("PORT", "3000");
        assertThat(env.get("APP_URL")).startsWith("https://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/staging", "overlays/production"})
    void secretsComeOnlyFromSecretKeyRefsToOmniopsSecrets(String dir) throws IOException {
        Rendered r = render(dir);
        Container c = app(r.one(Deployment.class, "omniops-phase4"));
        Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        SECRET_KEYS.forEach((name, key) -> {
            EnvVar v = env.get(name);
            assertThat(v).as("%s must be set", name).isNotNull();
            assertThat(v.getValue()).as("%s must not be inline", name).isNull();
            assertThat(v.getValueFrom().getSecretKeyRef().getName()).isEqualTo("omniops-secrets");
            assertThat(v.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
        });
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            assertThat(cm.getData().keySet())
                    .as("ConfigMap %s holds no secret", cm.getMetadata().getName())
                    .doesNotContainAnyElementsOf(SECRET_KEYS.keySet());
        }
        assertThat(r.all(Secret.class))
                .as("no Secret is rendered; it is created out of band")
                .isEmpty();
    }

    @Test
    void secretTemplateHoldsPlaceholdersForEveryReferencedKeyAndIsNeverDeployed() throws IOException {
        Secret template = K8S.unmarshal(
                json(YAML.readTree(K8S_DIR.resolve("base/secret.example.yaml").toFile())), Secret.class);
        assertThat(template.getMetadata().getName()).isEqualTo("omniops-secrets");
        assertThat(template.getData()).isNullOrEmpty();
        assertThat(template.getStringData()).containsOnlyKeys(SECRET_KEYS.values());
        assertThat(template.getStringData().values()).allMatch(v -> v.matches("<[^<>]+>"), "placeholder like <VALUE>");

        Set<String> referenced = new TreeSet<>();
        for (String dir : List.of("overlays/staging", "overlays/production")) {
            for (HasMetadata o : render(dir).objects()) {
                collectSecretKeys(YAML.readTree(K8S.asJson(o)), referenced);
            }
        }
        assertThat(template.getStringData().keySet()).containsAll(referenced);
        for (String dir : List.of("base", "overlays/staging", "overlays/production")) {
            assertThat(Files.readString(K8S_DIR.resolve(dir).resolve("kustomization.yaml")))
                    .doesNotContain("- secret.example.yaml");
        }
    }

    @Test
    void ingressKeepsVaadinSessionsStickyAndPushConnectionsOpen() throws IOException {
        Rendered r = render("overlays/production");
        Ingress ingress = r.one(Ingress.class, "omniops");
        Map<String, String> a = ingress.getMetadata().getAnnotations();
        assertThat(a)
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                .containsEntry("nginx.ingress.kubernetes.io/affinity-mode", "persistent")
                .containsKey("nginx.ingress.kubernetes.io/session-cookie-name");
        assertThat(Integer.parseInt(a.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                .isGreaterThanOrEqualTo(3600);
        assertThat(Integer.parseInt(a.get("nginx.ingress.kubernetes.io/proxy-send-timeout")))
                .isGreaterThanOrEqualTo(3600);

        var backend = ingress.getSpec()
                .getRules()
                .getFirst()
                .getHttp()
                .getPaths()
                .getFirst()
                .getBackend()
                .getService();
        Service service = r.one(Service.class, backend.getName());
        assertThat(service.getSpec().getPorts())
                .anySatisfy(
                        p -> assertThat(p.getName()).isEqualTo(backend.getPort().getName()));
        assertThat(r.one(Deployment.class, "omniops-phase4")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/staging", "overlays/production"})
    void autoscalerAndDisruptionBudgetAgreeWithTheReplicaCount(String dir) throws IOException {
        Rendered r = render(dir);
        Deployment d = r.one(Deployment.class, "omniops-phase4");
        HorizontalPodAutoscaler hpa = r.one(HorizontalPodAutoscaler.class, "omniops-phase4");
        PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class, "omniops-phase4");
        int replicas = d.getSpec().getReplicas();

        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("omniops-phase4");
        assertThat(hpa.getSpec().getMinReplicas())
                .as("HPA minimum equals Deployment replicas")
                .isEqualTo(replicas);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(replicas);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal())
                .as("a drain can evict at least one pod")
                .isLessThan(replicas);
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        if (dir.endsWith("production")) {
            assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
            assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/staging", "overlays/production"})
    void metricsAreOnlyOnTheManagementPortWhichTheIngressDoesNotRouteAndOnlyMonitoringReaches(String dir)
            throws IOException {
        Rendered r = render(dir);
        Deployment d = r.one(Deployment.class, "omniops-phase4");
        Container c = app(d);
        assertThat(c.getLivenessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(3000);
        assertThat(c.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(3000);
        assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", "9090")
                .containsEntry("prometheus.io/path", "/actuator/prometheus");

        // the ingress reaches the pods only through Service omniops, which does not expose the management port
        Service service = r.one(Service.class, "omniops");
        assertThat(service.getSpec().getPorts()).allSatisfy(p -> {
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            assertThat(p.getPort()).isNotEqualTo(9090);
        });
        r.one(Ingress.class, "omniops")
                .getSpec()
                .getRules()
                .forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                    assertThat(path.getBackend().getService().getName()).isEqualTo("omniops");
                    assertThat(path.getBackend().getService().getPort().getName())
                            .isEqualTo("http");
                }));

        NetworkPolicy policy = r.one(NetworkPolicy.class, "omniops");
        assertThat(policy.getMetadata().getNamespace())
                .isEqualTo(d.getMetadata().getNamespace());
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
        List<NetworkPolicyIngressRule> toManagement = policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts() == null
                        || rule.getPorts().isEmpty()
                        || rule.getPorts().stream()
                                .anyMatch(p -> p.getPort().getIntVal() != null
                                        ? p.getPort().getIntVal() == 9090
                                        : p.getPort().getStrVal().equals("management")))
                .toList();
        assertThat(toManagement)
                .as("some rule lets the scraper in")
                .isNotEmpty()
                .allSatisfy(rule -> {
                    assertThat(rule.getFrom()).as("never from everywhere").isNotEmpty();
                    assertThat(rule.getFrom()).allSatisfy(peer -> {
                        assertThat(peer.getIpBlock()).isNull();
                        assertThat(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                                .isIn("monitoring", "datadog");
                    });
                });
        assertThat(policy.getSpec().getIngress())
                .as("the app port stays open to the ingress controller")
                .anySatisfy(rule -> assertThat(rule.getPorts())
                        .anySatisfy(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http")));
    }

    @Test
    void redisRunsAsTheStatefulSetTheRunbookRestarts() throws IOException {
        Rendered r = render("overlays/production");
        StatefulSet redis = r.one(StatefulSet.class, "redis");
        assertThat(redis.getSpec().getServiceName()).isEqualTo("redis");
        assertThat(r.one(Service.class, "redis").getSpec().getClusterIP()).isEqualTo("None");
        assertThat(redis.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .startsWith("redis:7");
    }

    @Test
    void stagingOverlayMovesEverythingToItsOwnNamespaceAndHost() throws IOException {
        Rendered r = render("overlays/staging");
        assertThat(r.objects()).allSatisfy(o -> {
            if (o instanceof Namespace ns) {
                assertThat(ns.getMetadata().getName()).isEqualTo("staging");
            } else {
                assertThat(o.getMetadata().getNamespace())
                        .as(o.getKind() + "/" + o.getMetadata().getName())
                        .isEqualTo("staging");
            }
        });
        assertThat(effectiveEnv(r, app(r.one(Deployment.class, "omniops-phase4"))))
                .containsEntry("APP_URL", "https://staging.omniops.co.uk");
        assertThat(r.one(Ingress.class, "omniops")
                        .getSpec()
                        .getRules()
                        .getFirst()
                        .getHost())
                .isEqualTo("staging.omniops.co.uk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/staging", "overlays/production"})
    void kustomizationsOnlyListFilesThatExist(String dir) throws IOException {
        Path k = K8S_DIR.resolve(dir);
        JsonNode kustomization = YAML.readTree(k.resolve("kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(n -> listed.add(n.asString()));
        kustomization.path("patches").forEach(n -> listed.add(n.path("path").asString()));
        assertThat(listed).isNotEmpty().allSatisfy(f -> assertThat(k.resolve(f)).exists());
    }

    // --- rendering ---------------------------------------------------------------------

    private record Rendered(List<HasMetadata> objects) {
        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            List<T> found = all(type).stream()
                    .filter(o -> o.getMetadata().getName().equals(name))
                    .toList();
            assertThat(found).as("%s %s", type.getSimpleName(), name).hasSize(1);
            return found.getFirst();
        }
    }

    private static Rendered render(String dir) throws IOException {
        List<ObjectNode> docs = renderTrees(K8S_DIR.resolve(dir));
        List<HasMetadata> objects = new ArrayList<>();
        for (ObjectNode doc : docs) {
            objects.add(K8S.unmarshal(json(doc)));
        }
        return new Rendered(objects);
    }

    private static List<ObjectNode> renderTrees(Path dir) throws IOException {
        JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode res : k.path("resources")) {
            Path p = dir.resolve(res.asString()).normalize();
            if (Files.isDirectory(p)) {
                docs.addAll(renderTrees(p));
            } else {
                docs.addAll(readDocs(p));
            }
        }
        for (JsonNode patch : k.path("patches")) {
            JsonNode body =
                    YAML.readTree(dir.resolve(patch.path("path").asString()).toFile());
            if (body.isArray()) { // JSON 6902 ops need an explicit target
                ObjectNode target = docs.stream()
                        .filter(d -> matches(d, patch.path("target")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no target for " + patch));
                body.forEach(op -> applyJsonPatch(target, op));
            } else {
                ObjectNode target = docs.stream()
                        .filter(d -> d.path("kind").equals(body.path("kind"))
                                && d.path("metadata")
                                        .path("name")
                                        .equals(body.path("metadata").path("name")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no target for patch " + patch));
                merge(target, body);
            }
        }
        for (JsonNode l : k.path("labels")) {
            docs.forEach(d -> l.path("pairs")
                    .properties()
                    .forEach(e -> ((ObjectNode) d.withObject("/metadata").withObject("/labels"))
                            .set(e.getKey(), e.getValue())));
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.path("namespace").asString();
            for (ObjectNode d : docs) {
                ObjectNode meta = d.withObject("/metadata");
                if (d.path("kind").asString().equals("Namespace")) {
                    meta.put("name", ns);
                } else {
                    meta.put("namespace", ns);
                }
            }
        }
        for (JsonNode image : k.path("images")) {
            for (ObjectNode d : docs) {
                for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                    String current = c.path("image").asString();
                    String name = current.contains(":") ? current.substring(0, current.indexOf(':')) : current;
                    if (name.equals(image.path("name").asString())) {
                        String newName = image.hasNonNull("newName")
                                ? image.path("newName").asString()
                                : name;
                        String tag = image.hasNonNull("newTag")
                                ? image.path("newTag").asString()
                                : current.contains(":") ? current.substring(current.indexOf(':') + 1) : "latest";
                        ((ObjectNode) c).put("image", newName + ":" + tag);
                    }
                }
            }
        }
        return docs;
    }

    private static List<ObjectNode> readDocs(Path file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        for (String part : Files.readString(file).split("(?m)^---\\s*$")) {
            JsonNode n = YAML.readTree(part);
            if (n != null && n.isObject() && !n.isEmpty()) {
                docs.add((ObjectNode) n);
            }
        }
        return docs;
    }

    private static boolean matches(JsonNode doc, JsonNode target) {
        return (!target.has("kind") || doc.path("kind").equals(target.path("kind")))
                && (!target.has("name") || doc.path("metadata").path("name").equals(target.path("name")));
    }

    /** Strategic merge as kustomize does it for these files: maps merge, named lists merge by name. */
    private static void merge(ObjectNode target, JsonNode patch) {
        patch.properties().forEach(e -> {
            JsonNode existing = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (existing instanceof ObjectNode obj && value.isObject()) {
                merge(obj, value);
            } else if (existing instanceof ArrayNode arr && value.isArray() && isNamedList(value)) {
                for (JsonNode item : value) {
                    JsonNode match = null;
                    for (JsonNode old : arr) {
                        if (old.path("name").equals(item.path("name"))) {
                            match = old;
                        }
                    }
                    if (match instanceof ObjectNode m) {
                        merge(m, item);
                    } else {
                        arr.add(item.deepCopy());
                    }
                }
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        });
    }

    private static boolean isNamedList(JsonNode list) {
        return !list.isEmpty() && list.get(0).isObject() && list.get(0).has("name");
    }

    private static void applyJsonPatch(ObjectNode doc, JsonNode op) {
        String path = op.path("path").asString();
        String parent = path.substring(0, path.lastIndexOf('/'));
        String last = path.substring(path.lastIndexOf('/') + 1);
        JsonNode container = parent.isEmpty() ? doc : doc.at(parent);
        switch (op.path("op").asString()) {
            case "replace", "add" -> {
                if (container instanceof ObjectNode o) {
                    o.set(last, op.path("value").deepCopy());
                } else if (container instanceof ArrayNode a) {
                    a.set(Integer.parseInt(last), op.path("value").deepCopy());
                } else {
                    fail("JSON patch path not found: " + path);
                }
            }
            default -> fail("unsupported JSON patch op in test renderer: " + op);
        }
    }

    // --- helpers -----------------------------------------------------------------------

    private static Container app(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("omniops"))
                .findFirst()
                .orElseThrow();
    }

    /** Env as the container sees it: envFrom ConfigMaps first, explicit env overrides. */
    private static Map<String, String> effectiveEnv(Rendered r, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        if (c.getEnvFrom() != null) {
            c.getEnvFrom().forEach(from -> {
                assertThat(from.getSecretRef())
                        .as("secrets only via secretKeyRef")
                        .isNull();
                env.putAll(
                        r.one(ConfigMap.class, from.getConfigMapRef().getName()).getData());
            });
        }
        c.getEnv()
                .forEach(e ->
                        env.put(e.getName(), e.getValue() != null ? e.getValue() : "<from " + e.getValueFrom() + ">"));
        return env;
    }

    private static void assertProbe(Probe probe, String path, int initialDelay, int period) {
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(3000);
        assertThat(probe.getInitialDelaySeconds()).isEqualTo(initialDelay);
        assertThat(probe.getPeriodSeconds()).isEqualTo(period);
    }

    private static void collectSecretKeys(JsonNode node, Set<String> keys) {
        if (node == null) {
            return;
        }
        JsonNode ref = node.path("secretKeyRef");
        if (ref.path("name").asString("").equals("omniops-secrets")) {
            keys.add(ref.path("key").asString());
        }
        node.forEach(child -> collectSecretKeys(child, keys));
    }

    private static String json(JsonNode node) {
        return node.toString();
    }
}
