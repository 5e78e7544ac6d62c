using StackExchange.Redis;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Tests.Infrastructure;

public class RedisRetryTests
{
    [Theory]
    [InlineData("LOADING Redis is loading the dataset in memory", true)]   // restarted with its append-only file
    [InlineData("TRYAGAIN Multiple keys request during rehashing of slot", true)]
    [InlineData("CLUSTERDOWN The cluster is down", true)]
    [InlineData("ERR Error running script: wrong number of arguments", false)] // a bug: retrying would hide it forever
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value", false)]
    public void A_server_that_is_not_serving_yet_is_waited_for_and_a_wrong_command_is_not(string message, bool transient)
    {
#pragma warning disable CS0618 // the plain constructors are all a test needs: the message is what the server says
        Assert.Equal(transient, RedisRetry.IsTransient(new RedisServerException(message)));
        Assert.True(RedisRetry.IsTransient(new RedisConnectionException(ConnectionFailureType.SocketFailure, "down")));
#pragma warning restore CS0618
    }
}
