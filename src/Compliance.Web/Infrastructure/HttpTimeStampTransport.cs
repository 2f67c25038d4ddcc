using System.Net.Http.Headers;
using Compliance.Core.Auditing;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// Time-stamp queries over HTTP as RFC 3161 describes (a query posted as <c>application/timestamp-query</c>), waiting
/// no longer than <c>Compliance:Audit:TimeStampTimeout</c>. An authority out of reach, too slow or answering with an
/// error gives null and a line in the log (no address or content of the query in it).
/// </summary>
public sealed class HttpTimeStampTransport(HttpClient http, IOptions<CheckpointTimeStampOptions> options, ILogger<HttpTimeStampTransport> logger) : ITimeStampTransport
{
    public async Task<byte[]?> AskAsync(Uri authority, byte[] query, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var content = new ByteArrayContent(query);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            using var answer = await http.PostAsync(authority, content, timeout.Token);
            if (answer.IsSuccessStatusCode) return await answer.Content.ReadAsByteArrayAsync(timeout.Token);
            logger.LogWarning("The time-stamping authority answered {Status}; it is asked again on the next round.", (int)answer.StatusCode);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning("The time-stamping authority could not be reached ({Reason}); it is asked again on the next round.", e is OperationCanceledException ? "no answer in time" : e.GetType().Name);
            return null;
        }
    }
}
