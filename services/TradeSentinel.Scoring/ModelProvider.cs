using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Scoring;

/// <summary>
/// Holds the current model and swaps in a newer file without a restart. A file that cannot be
/// used is refused with its reason while the current model keeps scoring.
/// </summary>
public sealed class ModelProvider(IOptions<ScoringOptions> options, ILogger<ModelProvider> logger, SentinelMetrics metrics)
{
    private readonly string _path = options.Value.ModelPath;
    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(options.Value.ModelCheckSeconds);
    private SentinelModel? _model;
    private DateTime _loadedWriteTime;
    private DateTime _nextCheck;

    /// <summary>The model to score with; loads it on first use (throws <see cref="ModelLoadException"/> if unusable).</summary>
    public SentinelModel Current
    {
        get
        {
            if (_model is null) Load();
            else if (DateTime.UtcNow >= _nextCheck) ReloadIfChanged();
            return _model!;
        }
    }

    public bool IsLoaded => _model is not null;

    private void Load()
    {
        _loadedWriteTime = LastWrite();
        _model = SentinelModel.Load(_path);
        _nextCheck = DateTime.UtcNow + _checkEvery;
        metrics.SetModel(_model.Version, _model.Metadata.Trainer, _model.Metadata.FeatureSchemaVersion);
        logger.LogInformation("Loaded model {Version} from {Path}", _model.Version, _path);
    }

    private void ReloadIfChanged()
    {
        _nextCheck = DateTime.UtcNow + _checkEvery;
        if (LastWrite() == _loadedWriteTime) return;
        try
        {
            Load();
        }
        catch (Exception e) when (e is ModelLoadException or IOException or InvalidOperationException or FormatException)
        {
            _loadedWriteTime = LastWrite();
            logger.LogError("Refused new model file {Path}: {Reason}; still scoring with {Version}", _path, e.Message, _model!.Version);
        }
    }

    private DateTime LastWrite() => File.GetLastWriteTimeUtc(ModelFiles.MetadataPath(_path));
}
