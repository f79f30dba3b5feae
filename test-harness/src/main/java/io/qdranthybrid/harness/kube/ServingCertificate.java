package io.qdranthybrid.harness.kube;

import okhttp3.tls.HeldCertificate;

/**
 * The simulated API server's TLS identity: a CA and a serving certificate for the loopback address, like the ones
 * k3s generates at first start. Made once per JVM: every simulated server in it serves the same certificate.
 */
record ServingCertificate(String authorityPem, String certificatePem, String privateKeyPem) {

  static final ServingCertificate INSTANCE = generate();

  private static ServingCertificate generate() {
    HeldCertificate authority = new HeldCertificate.Builder().certificateAuthority(0)
        .commonName("simulated-server-ca").build();
    HeldCertificate serving = new HeldCertificate.Builder().signedBy(authority).commonName("kube-apiserver")
        .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").build();
    return new ServingCertificate(authority.certificatePem(), serving.certificatePem(), serving.privateKeyPkcs8Pem());
  }
}
