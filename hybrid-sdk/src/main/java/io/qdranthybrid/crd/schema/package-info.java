/**
 * Annotations for what the fabric8 CRD generator cannot derive from a field (formats, embedded objects, fields the
 * real CRD omits); applied by {@code io.qdranthybrid.crd.generation.ModelSchemaRules} when the CRDs are generated.
 */
package io.qdranthybrid.crd.schema;
