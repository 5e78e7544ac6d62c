using System.Text;

namespace TradeSentinel.Alerting.Hooks;

/// <summary>
/// An id as an HTTP header value (and a log token): visible ASCII stays as it is, every other byte
/// of its UTF-8 — CR, LF and other controls, space, non-ASCII — and '%' itself become <c>%XX</c>.
/// So a hostile id can neither inject a header nor make the request unsendable, ordinary ids
/// (<c>rk:K1:critical</c>) are unchanged, and two different ids (of valid Unicode) never share an encoding.
/// </summary>
public static class HeaderSafeId
{
    public static string Encode(string id)
    {
        if (id.All(c => c is > ' ' and < '\u007f' and not '%')) return id;
        var encoded = new StringBuilder(id.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            if (b is > (byte)' ' and < 0x7f and not (byte)'%') encoded.Append((char)b);
            else encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }
}
