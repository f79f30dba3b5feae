package io.qdranthybrid.protocol.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * Certificate trust for the control-plane connection: the JVM's system trust store plus the CAs of an optional PEM
 * bundle (e.g. a corporate TLS-inspecting proxy). Certificates are always verified; there is no trust-all mode.
 */
public final class CustomCaTrust {

    private final X509TrustManager trustManager;
    private final SSLSocketFactory socketFactory;

    private CustomCaTrust(X509TrustManager trustManager) throws GeneralSecurityException {
        this.trustManager = trustManager;
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager}, null);
        this.socketFactory = context.getSocketFactory();
    }

    /** The system trust store plus every certificate in {@code pemBundle} (null or blank: system only). */
    public static CustomCaTrust systemPlus(String pemBundle) {
        try {
            X509TrustManager system = trustManagerFor(null);
            if (pemBundle == null || pemBundle.isBlank()) {
                return new CustomCaTrust(system);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate ca : system.getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + index++, ca);
            }
            Collection<? extends Certificate> custom = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pemBundle.getBytes(StandardCharsets.US_ASCII)));
            if (custom.isEmpty()) {
                throw new IllegalArgumentException("the CA bundle contains no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
            for (Certificate ca : custom) {
                store.setCertificateEntry("custom-" + index++, ca);
            }
            return new CustomCaTrust(trustManagerFor(store));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot load the CA bundle: " + e.getMessage()
                    + "; expected PEM certificates", e);
        }
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    public SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    private static X509TrustManager trustManagerFor(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM offers no X509TrustManager");
    }
}
