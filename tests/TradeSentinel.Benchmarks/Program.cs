using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TradeSentinel.Benchmarks;

// In-process (no generated project to build) and short: a stage figure in about a minute.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(args.Length > 0 ? args[0] : "bench/stages");
BenchmarkRunner.Run<StageBenchmarks>(config);
