using System.Xml;
using System.Xml.Linq;

namespace ContrastiveOrleans.Client.Tests.Report;

/// <summary>Reads report.html as XML (the page is written well-formed), which also proves it is complete.</summary>
internal static class ReportHtml
{
    public static XDocument Parse(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }

    public static IReadOnlyList<XElement> All(XDocument doc, string name) => [.. doc.Descendants(name)];
}
