using System.Text.Json;

namespace ContrastiveOrleans.Grains.Storage;

/// <summary>The index key of a stored line (its id and whether it is a done result) without materialising the result.</summary>
internal static class ResultLine
{
    /// <summary>False for a line that is not a JSON object with a hex "id" and a "status" (damaged: skipped).</summary>
    public static bool TryReadKey(ReadOnlySpan<byte> line, out string id, out bool done)
    {
        id = "";
        done = false;
        string? foundId = null;
        string? status = null;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                var isStatus = !isId && reader.ValueTextEquals("status"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String) foundId = reader.GetString();
                else if (isStatus && reader.TokenType == JsonTokenType.String) status = reader.GetString();
                else reader.Skip();
            }
            // A line cut short never closes its object.
            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0) return false;
        }
        catch (JsonException)
        {
            return false;
        }
        if (foundId is null || status is null || !IsHexId(foundId)) return false;
        id = foundId;
        done = status == "done";
        return true;
    }

    public static bool IsHexId(string id) => !string.IsNullOrEmpty(id) && id.All(char.IsAsciiHexDigit);
}
