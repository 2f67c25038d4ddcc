using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;

namespace Compliance.Core.Documents;

/// <summary>
/// Signs a PDF as it is saved, as PAdES baseline B asks: a detached CMS signature over the whole file but the signature
/// itself (CAdES: SHA-256, the signer's certificate and its hash as the signing-certificate-v2 attribute, no signing-time
/// attribute, the time being the signature dictionary's own), under the sub-filter <c>ETSI.CAdES.detached</c>. PDF
/// readers and <c>pdfsig</c> check it without the app, and show the certificate's name as who signed it.
/// </summary>
public sealed class PdfSigner(X509Certificate2 certificate, string reason, string location)
{
    // PDFsharp 6.2 writes the older sub-filter name; the PAdES one has the same length, so it is put in its place in the
    // bytes that are signed and in the file, and no offset moves.
    private static readonly byte[] WrittenSubFilter = Encoding.ASCII.GetBytes("/SubFilter/adbe.pkcs7.detached");
    private static readonly byte[] PadesSubFilter = Encoding.ASCII.GetBytes("/SubFilter/ETSI.CAdES.detached");

    private readonly System.Diagnostics.Stopwatch _signing = new();

    /// <summary>How long computing the signature took (reading the signed ranges and signing them), apart from the layout.</summary>
    public TimeSpan Signing => _signing.Elapsed;

    /// <summary>The SHA-256 of the signing certificate (DER), as a reader finds it in the signature.</summary>
    public string CertificateSha256 => Fingerprint(certificate);

    public static string Fingerprint(X509Certificate2 certificate) => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    /// <summary>Sets the document to be signed, invisibly, when it is saved.</summary>
    internal void Prepare(PdfDocument document) =>
        DigitalSignatureHandler.ForDocument(document, new Signer(certificate, _signing), new DigitalSignatureOptions
        {
            Reason = reason,
            Location = location,
            AppName = "Harassment prevention records",
            Rectangle = new XRect(0, 0, 0, 0),
            PageIndex = 0,
        });

    /// <summary>The saved file with the PAdES sub-filter name in place (the signature was computed with it there).</summary>
    internal static byte[] Finish(byte[] saved)
    {
        if (!PutPadesName(saved)) throw new InvalidOperationException("The signed PDF has no signature dictionary to name.");
        return saved;
    }

    private static bool PutPadesName(byte[] bytes)
    {
        var at = bytes.AsSpan().IndexOf(WrittenSubFilter);
        if (at < 0) return false;
        PadesSubFilter.CopyTo(bytes, at);
        return true;
    }

    private sealed class Signer(X509Certificate2 certificate, System.Diagnostics.Stopwatch timer) : IDigitalSigner
    {
        public string CertificateName => certificate.GetNameInfo(X509NameType.SimpleName, false);

        // A CMS signature with one P-256 or RSA-4096 certificate fits well within this, hex-encoded twice over.
        public Task<int> GetSignatureSizeAsync() => Task.FromResult(8192);

        public Task<byte[]> GetSignatureAsync(Stream stream)
        {
            timer.Start();
            try
            {
                return Task.FromResult(Sign(stream));
            }
            finally
            {
                timer.Stop();
            }
        }

        private byte[] Sign(Stream stream)
        {
            // The ranges to be signed: the whole file but the signature's own placeholder.
            stream.Position = 0;
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) copy.Write(buffer, 0, read);
            var signed = copy.ToArray();
            if (!PutPadesName(signed)) throw new InvalidOperationException("The signed ranges hold no signature dictionary.");
            var cms = new SignedCms(new ContentInfo(signed), detached: true);
            var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
            {
                DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
                IncludeOption = X509IncludeOption.EndCertOnly,
            };
            signer.SignedAttributes.Add(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.47"), SigningCertificateV2(certificate)));
            cms.ComputeSignature(signer, silent: true);
            return cms.Encode();
        }

        /// <summary>ESS signing-certificate-v2 (RFC 5035): the certificate's SHA-256, the default hash, so not named.</summary>
        private static byte[] SigningCertificateV2(X509Certificate2 c)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            using (writer.PushSequence())
            using (writer.PushSequence())
            {
                writer.WriteOctetString(SHA256.HashData(c.RawData));
            }
            return writer.Encode();
        }
    }
}
