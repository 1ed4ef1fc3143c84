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

// Saves text as a file (CSV exports under each chart).
window.voiceflow.download = function (fileName, contentType, text) {
  var blob = new Blob([text], { type: contentType });
  var link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
};
