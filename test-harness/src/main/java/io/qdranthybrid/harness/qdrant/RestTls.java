package io.qdranthybrid.harness.qdrant;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * TLS on a node's REST port, as Qdrant serves it with {@code service.enable_tls: true}: the certificate chain and
 * private key from the PEM files its config names ({@code tls.cert}, {@code tls.key}).
 *
 * @param certificatePem the server certificate, optionally followed by its chain
 * @param privateKeyPem  the private key in PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
 */
record RestTls(String certificatePem, String privateKeyPem) {

    /** @throws IllegalArgumentException when the files do not hold a usable certificate and key, as Qdrant exits */
    SSLContext sslContext() {
        try {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the TLS certificate file holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("rest", privateKey(), password, chain.toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot load the TLS certificate and key: " + e.getMessage(), e);
        }
    }

    private PrivateKey privateKey() throws GeneralSecurityException {
        String base64 = privateKeyPem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        if (privateKeyPem.contains("BEGIN RSA PRIVATE KEY") || privateKeyPem.contains("BEGIN EC PRIVATE KEY")) {
            throw new IllegalArgumentException("the TLS key must be PKCS#8 (BEGIN PRIVATE KEY) in this simulation");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException("the TLS key is neither an EC, RSA nor Ed25519 PKCS#8 key");
    }
}
