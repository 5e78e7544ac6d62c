// node validate-k8s.mjs FILE... — checks each document against the Kubernetes API schema of its
// kind (kubernetes-models), that every Deployment's and StatefulSet's containers have liveness and
// readiness probes and resource requests, and that the alerter runs as a StatefulSet whose pods
// take their name as Kafka:InstanceId (its transactional id must survive a reschedule). Prints one
// line per object; exits 1 if any is invalid.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const instanceIdFromPodName = (c) =>
  (c.env ?? []).some((e) => e.name === "Kafka__InstanceId" && e.valueFrom?.fieldRef?.fieldPath === "metadata.name");

const problems = (doc) => {
  if (doc.kind !== "Deployment" && doc.kind !== "StatefulSet") return [];
  return doc.spec.template.spec.containers.flatMap((c) => [
    c.livenessProbe ? null : `container ${c.name} has no livenessProbe`,
    c.readinessProbe ? null : `container ${c.name} has no readinessProbe`,
    c.resources?.requests ? null : `container ${c.name} has no resource requests`,
    !(c.args ?? []).includes("alerter") ? null
      : doc.kind !== "StatefulSet" ? `container ${c.name} runs the alerter in a ${doc.kind}: it needs a StatefulSet (stable Kafka:InstanceId)`
      : instanceIdFromPodName(c) ? null : `container ${c.name} runs the alerter without Kafka__InstanceId from metadata.name`,
  ]).filter(Boolean);
};

for (const file of process.argv.slice(2)) {
  for (const parsed of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (parsed.errors.length) { console.log(`INVALID ${file}: ${parsed.errors[0].message}`); process.exitCode = 1; continue; }
    const doc = parsed.toJS();
    const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : [null, doc.apiVersion];
    const name = `${file} ${doc.kind}/${doc.metadata?.name}`;
    try {
      const module = await import(group ? `kubernetes-models/${group}/${version}/${doc.kind}` : `kubernetes-models/${version}/${doc.kind}`);
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
