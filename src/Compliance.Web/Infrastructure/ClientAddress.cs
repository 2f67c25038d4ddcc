using System.Net;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// What a client is known by for the public pages' limits: its IPv4 address, or the /64 network of its IPv6 address.
/// One home or phone connection is given a whole /64 and can use any address in it, so counting each address on its
/// own would let one person pass as billions of clients.
/// </summary>
public static class ClientAddress
{
    public static byte[] Bytes(IPAddress? address)
    {
        var a = address ?? IPAddress.None;
        if (a.IsIPv4MappedToIPv6) a = a.MapToIPv4();
        var bytes = a.GetAddressBytes();
        return a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? bytes[..8] : bytes;
    }
}
