namespace ContrastiveOrleans.Grains.Durability;

/// <summary>Names shared by the sweep grain and the hosts that configure its storage and reminders.</summary>
public static class SweepStorage
{
    /// <summary>The grain storage provider holding sweep roots and shards (Orleans memory storage, or Azure Blob in a cluster).</summary>
    public const string ProviderName = "sweeps";

    /// <summary>The reminder that reactivates a running sweep whose silo died while no client was polling.</summary>
    public const string ReminderName = "resume";
}
