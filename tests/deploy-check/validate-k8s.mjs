// node validate-k8s.mjs FILE... — checks each document against the Kubernetes API schema of its
// kind (kubernetes-models; KEDA's objects with @kubernetes-models/keda), and what this project
// requires of its manifests:
// - every Deployment's and StatefulSet's containers have liveness and readiness probes and resource requests;
// - every pod runs hardened: non-root by number, seccomp RuntimeDefault, no privilege escalation,
//   every capability dropped, a read-only root filesystem whose writable /tmp is an emptyDir;
// - the alerter runs as a StatefulSet whose pods take their name as Kafka:InstanceId (its
//   transactional id must survive a reschedule);
// - no Secret is shipped: the operator creates it, and a shipped one would overwrite it on apply.
// Prints one line per object, then one `needs KIND/NAME` line per ConfigMap, Secret or
// PersistentVolumeClaim the objects use that none of the files define (what the operator creates
// first); exits 1 if any object is invalid.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const instanceIdFromPodName = (c) =>
  (c.env ?? []).some((e) => e.name === "Kafka__InstanceId" && e.valueFrom?.fieldRef?.fieldPath === "metadata.name");

const podSpec = (doc) =>
  doc.kind === "Deployment" || doc.kind === "StatefulSet" || doc.kind === "Job" ? doc.spec?.template?.spec : null;

const hardening = (pod, c) => {
  const sc = c.securityContext ?? {};
  const seccomp = sc.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
  const user = sc.runAsUser ?? pod.securityContext?.runAsUser;
  const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
  return [
    (sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) === true && Number.isInteger(user) && user > 0
      ? null : `container ${c.name} is not runAsNonRoot with a numeric non-root runAsUser`,
    seccomp === "RuntimeDefault" ? null : `container ${c.name} has no seccompProfile RuntimeDefault`,
    sc.allowPrivilegeEscalation === false ? null : `container ${c.name} allows privilege escalation`,
    (sc.capabilities?.drop ?? []).includes("ALL") ? null : `container ${c.name} does not drop ALL capabilities`,
    sc.readOnlyRootFilesystem === true ? null : `container ${c.name} has a writable root filesystem`,
    tmp && (pod.volumes ?? []).some((v) => v.name === tmp.name && v.emptyDir) ? null : `container ${c.name} has no emptyDir at /tmp`,
  ];
};

const problems = (doc) => {
  if (doc.kind === "Secret") return [`ships a Secret: the operator creates it (kubectl create secret), and a shipped one overwrites the real one on apply`];
  const pod = podSpec(doc);
  if (!pod) return [];
  const workload = doc.kind !== "Job";
  return pod.containers.flatMap((c) => [
    ...hardening(pod, c),
    !workload || c.livenessProbe ? null : `container ${c.name} has no livenessProbe`,
    !workload || c.readinessProbe ? null : `container ${c.name} has no readinessProbe`,
    c.resources?.requests ? null : `container ${c.name} has no resource requests`,
    !(c.args ?? []).includes("alerter") ? null
      : doc.kind !== "StatefulSet" ? `container ${c.name} runs the alerter in a ${doc.kind}: it needs a StatefulSet (stable Kafka:InstanceId)`
      : instanceIdFromPodName(c) ? null : `container ${c.name} runs the alerter without Kafka__InstanceId from metadata.name`,
  ]).filter(Boolean);
};

// The ConfigMaps, Secrets and claims an object reads, as "Kind/name".
const uses = (doc) => {
  const found = [];
  const pod = podSpec(doc);
  for (const c of pod?.containers ?? []) {
    for (const f of c.envFrom ?? []) {
      if (f.configMapRef) found.push(`ConfigMap/${f.configMapRef.name}`);
      if (f.secretRef) found.push(`Secret/${f.secretRef.name}`);
    }
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef) found.push(`ConfigMap/${e.valueFrom.configMapKeyRef.name}`);
      if (e.valueFrom?.secretKeyRef) found.push(`Secret/${e.valueFrom.secretKeyRef.name}`);
    }
  }
  for (const v of pod?.volumes ?? []) {
    if (v.configMap) found.push(`ConfigMap/${v.configMap.name}`);
    if (v.secret) found.push(`Secret/${v.secret.secretName}`);
    if (v.persistentVolumeClaim) found.push(`PersistentVolumeClaim/${v.persistentVolumeClaim.claimName}`);
  }
  if (doc.kind === "TriggerAuthentication") {
    for (const r of doc.spec?.secretTargetRef ?? []) found.push(`Secret/${r.name}`);
    for (const r of doc.spec?.configMapTargetRef ?? []) found.push(`ConfigMap/${r.name}`);
  }
  return found;
};

const modulePath = (group, version, kind) =>
  !group ? `kubernetes-models/${version}/${kind}`
    : group.endsWith("keda.sh") ? `@kubernetes-models/keda/${group}/${version}/${kind}`
    : `kubernetes-models/${group}/${version}/${kind}`;

const defined = new Set();
const used = new Set();
for (const file of process.argv.slice(2)) {
  for (const parsed of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (parsed.errors.length) { console.log(`INVALID ${file}: ${parsed.errors[0].message}`); process.exitCode = 1; continue; }
    const doc = parsed.toJS();
    if (doc === null) continue;
    const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : [null, doc.apiVersion];
    const name = `${file} ${doc.kind}/${doc.metadata?.name}`;
    defined.add(`${doc.kind}/${doc.metadata?.name}`);
    uses(doc).forEach((u) => used.add(u));
    try {
      const module = await import(modulePath(group, version, doc.kind));
      new module[doc.kind](doc).validate();
      const found = problems(doc);
      if (found.length) throw new Error(found.join("; "));
      console.log(`ok ${name}`);
    } catch (e) {
      console.log(`INVALID ${name}: ${e.message}`);
      process.exitCode = 1;
    }
  }
}
for (const needed of [...used].filter((u) => !defined.has(u)).sort()) console.log(`needs ${needed}`);
