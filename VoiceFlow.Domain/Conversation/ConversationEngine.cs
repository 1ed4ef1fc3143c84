using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Conversation;

/// <summary>
/// The receptionist's dialogue, as a pure function: state + event + context -> new state + (command | reply).
/// Never throws: anything unexpected becomes an apology and a transfer to staff (or a voicemail when no one can answer).
/// The state passed in is never changed; the turn carries a new one.
/// </summary>
public static class ConversationEngine
{
    public static ConversationTurn Step(ConversationState state, CallerEvent callerEvent, ConversationContext context)
    {
        if (context is null)
        {
            var lost = state?.Clone() ?? ConversationState.Start(Language.English);
            lost.IsFinished = true;
            lost.Step = ConversationStep.Finished;
            var say = PromptCatalog.Get("error", lost.Language, null);
            return new ConversationTurn(lost, null, new AgentReply(lost.Language, [say], ReplyAction.Hangup, []), Calls.CallOutcome.Failed, "No context for the call");
        }
        ConversationState working;
        try
        {
            working = state?.Clone() ?? ConversationState.Start(context.DefaultLanguage);
            working.Language = Language.Normalize(working.Language);
            working.Offered ??= [];
            working.LastSay ??= [];
        }
        catch (Exception)
        {
            working = ConversationState.Start(context.DefaultLanguage);
        }
        working.Turns++;
        try
        {
            return new Dialogue(working, context).Handle(callerEvent);
        }
        catch (Exception)
        {
            try
            {
                return new Dialogue(working, context).Apologise();
            }
            catch (Exception)
            {
                working.IsFinished = true;
                working.Step = ConversationStep.Finished;
                var say = PromptCatalog.Get("error", working.Language, null);
                return new ConversationTurn(working, null, new AgentReply(working.Language, [say], ReplyAction.Hangup, []), Calls.CallOutcome.Failed, "Engine error");
            }
        }
    }
}
