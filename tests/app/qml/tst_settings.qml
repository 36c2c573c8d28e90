import QtQuick
import QtTest
import "finder.js" as Finder
import Muxi.Workbench
import Muxi.Workbench.Common
import Muxi.Workbench.Settings

Item {
    width: 1000
    height: 800

    SettingsPage {
        id: page
        anchors.fill: parent
        workbench: Workbench
    }

    TestCase {
        name: "Settings"
        when: windowShown

        function test_providerCardShowHideKey() {
            page.currentTab = 0
            var card = null
            tryVerify(function() { card = Finder.findNamed(page, "provider-openai"); return card !== null })
            var field = Finder.findNamed(card, "apiKeyField")
            verify(field)
            compare(field.echoMode, TextInput.Password)
            mouseClick(Finder.findNamed(card, "showKeyButton"))
            compare(field.echoMode, TextInput.Normal)
            mouseClick(Finder.findNamed(card, "showKeyButton"))
            compare(field.echoMode, TextInput.Password)
            verify(Finder.findNamed(card, "testButton"))
            // No key configured in this environment.
            verify(field.placeholderText.length > 0)
            verify(!Finder.findNamed(card, "removeKeyButton"))
        }

        function test_disableProvider() {
            page.currentTab = 0
            var card = null
            tryVerify(function() { card = Finder.findNamed(page, "provider-openai"); return card !== null })
            var toggle = Finder.findNamed(card, "enabledSwitch")
            verify(toggle.checked)
            mouseClick(toggle)
            verify(!toggle.checked)
            var row = Workbench.providers.rowOf("openai")
            compare(Workbench.providers.data(Workbench.providers.index(row, 0), ProviderListModel.EnabledRole), false)
            mouseClick(toggle)
            compare(Workbench.providers.data(Workbench.providers.index(row, 0), ProviderListModel.EnabledRole), true)
        }

        function test_defaults() {
            page.currentTab = 1
            var spin = null
            tryVerify(function() { spin = Finder.findNamed(page, "maxTokensSpin"); return spin !== null })
            spin.forceActiveFocus()
            keyClick(Qt.Key_Up)
            compare(Workbench.settings.maxTokens, 256)
            var custom = Finder.findNamed(page, "customTemperature")
            mouseClick(custom)
            verify(Workbench.settings.temperature >= 0)
            mouseClick(custom)
            compare(Workbench.settings.temperature, -1)
        }

        function test_appearance() {
            page.currentTab = 3
            var dark = null
            tryVerify(function() { dark = Finder.findNamed(page, "themeDark"); return dark !== null })
            mouseClick(dark)
            compare(Workbench.settings.theme, "dark")
            compare(Theme.dark, false, "the page sets the setting; the window applies it")
            mouseClick(Finder.findNamed(page, "themeSystem"))
            compare(Workbench.settings.theme, "system")
        }
    }
}
