// Small browser helpers for the portal (no inline scripts, so the content security policy can stay strict).
window.voiceflow = {
  // Reads the receptionist's words aloud in the simulator, in the call's language.
  speak: function (text, lang) {
    if (!('speechSynthesis' in window) || !text) { return false; }
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang || 'en-CA';
    window.speechSynthesis.speak(utterance);
    return true;
  },
  scrollToEnd: function (element) {
    if (element) { element.scrollTop = element.scrollHeight; }
  }
};
